import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import type { Project } from '../api';
import { totalTasks } from '../board';

interface Props {
  projects: Project[] | undefined;
  loading: boolean;
  failed?: boolean;
  selectedId: string | null;
  /** Opens the New project dialog (the button is shown only with it). */
  onNewProject?: () => void;
  /** Whether the administrators' pages are linked (with accounts on, only administrators may open them). */
  admin?: boolean;
  /** Shown at the bottom (who is signed in). */
  children?: ReactNode;
}

/** Brand, the project selector and the links to the app's pages. */
export function Sidebar({ projects, loading, failed = false, selectedId, onNewProject, admin = true, children }: Props) {
  return (
    <div className="sidebar">
      <p className="brand" role="banner">Baton</p>
      <nav aria-label="Pages" className="page-links">
        <ul>
          <li>
            <NavLink to={selectedId ? `/p/${encodeURIComponent(selectedId)}` : '/'} end>
              Board
            </NavLink>
          </li>
          {selectedId && (
            <li>
              <NavLink to={`/p/${encodeURIComponent(selectedId)}/plan`}>Plan</NavLink>
            </li>
          )}
          <li>
            <NavLink to="/timeline">Timeline</NavLink>
          </li>
          <li>
            <NavLink to={selectedId ? `/p/${encodeURIComponent(selectedId)}/settings` : '/settings'}>Settings</NavLink>
          </li>
          {admin && (
            <li>
              <NavLink to="/admin/projections">Projections</NavLink>
            </li>
          )}
        </ul>
      </nav>
      <nav aria-labelledby="projects-heading">
        <div className="sidebar-heading-row">
          <h2 id="projects-heading" className="sidebar-heading">
            Projects
          </h2>
          {onNewProject && (
            <button type="button" className="sidebar-button" onClick={onNewProject}>
              New project
            </button>
          )}
        </div>
        {loading && !failed && <p className="sidebar-note">Loading…</p>}
        {failed && !projects && <p className="sidebar-note">Project list unavailable</p>}
        {projects && projects.length === 0 && <p className="sidebar-note">None yet</p>}
        {projects && projects.length > 0 && (
          <ul className="project-list">
            {projects.map((project) => {
              const total = totalTasks(project);
              const current = project.project_id === selectedId;
              return (
                <li key={project.project_id}>
                  <Link
                    to={`/p/${encodeURIComponent(project.project_id)}`}
                    aria-current={current ? 'page' : undefined}
                    className={project.archived ? 'archived' : undefined}
                  >
                    <span className="project-name">{project.name}</span>
                    {project.archived && <span className="tag">archived</span>}
                    <span className="count">
                      {total}
                      <span className="sr-only"> {total === 1 ? 'task' : 'tasks'}</span>
                    </span>
                  </Link>
                </li>
              );
            })}
          </ul>
        )}
      </nav>
      {children}
    </div>
  );
}
