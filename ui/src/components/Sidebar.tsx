import type { MouseEvent } from 'react';
import type { Project } from '../api';
import { totalTasks } from '../board';

interface Props {
  projects: Project[] | undefined;
  loading: boolean;
  failed?: boolean;
  selectedId: string | null;
  onSelect: (projectId: string) => void;
}

export function Sidebar({ projects, loading, failed = false, selectedId, onSelect }: Props) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>, projectId: string) => {
    // Let the browser handle new-tab / new-window clicks.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    onSelect(projectId);
  };

  return (
    <nav className="sidebar" aria-labelledby="projects-heading">
      <p className="brand">Baton</p>
      <h2 id="projects-heading" className="sidebar-heading">
        Projects
      </h2>
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
                <a
                  href={`?project=${encodeURIComponent(project.project_id)}`}
                  aria-current={current ? 'page' : undefined}
                  className={project.archived ? 'archived' : undefined}
                  onClick={(e) => onClick(e, project.project_id)}
                >
                  <span className="project-name">{project.name}</span>
                  {project.archived && <span className="tag">archived</span>}
                  <span className="count">
                    {total}
                    <span className="sr-only"> {total === 1 ? 'task' : 'tasks'}</span>
                  </span>
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </nav>
  );
}
