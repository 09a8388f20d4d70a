import { useQueryClient } from '@tanstack/react-query';
import { ProfileForm } from '../settings/AgentProfiles';
import '../settings/settings.css';
import { agentsKey } from '../hooks';
import { Dialog } from './Dialog';

/** The board's New Agent Profile button: the settings page's profile form (one form for profiles) in a dialog. */
export function NewAgentDialog({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  return (
    <Dialog title="New agent profile" onClose={onClose} className="dialog-profile">
      <ProfileForm
        profile={null}
        onDone={() => {
          // Done is also Cancel: reading the lists again is harmless then.
          void queryClient.invalidateQueries({ queryKey: agentsKey });
          void queryClient.invalidateQueries({ queryKey: ['settings', 'agents'] });
          onClose();
        }}
      />
    </Dialog>
  );
}
