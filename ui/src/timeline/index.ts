// Routes: #/timeline → TimelinePage, #/admin/projections → ProjectionsAdminPage.
export { TimelinePage } from './TimelinePage';
export { ProjectionsAdminPage } from './ProjectionsAdminPage';
