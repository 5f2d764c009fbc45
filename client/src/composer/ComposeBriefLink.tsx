import { AppLink } from '../components/AppLink';
import './provenance.css';
import { composerPath } from '../lib/router';
import { strings } from '../lib/strings';
import { useWorkshop } from '../workshop/WorkshopContext';

/**
 * "Compose from the groups' recommendations", for a brief's own editor page; nothing for a group
 * draft or for someone who may not write briefs.
 */
export function ComposeBriefLink({ documentId, className = 'button' }: { documentId: string; className?: string }) {
  const { home, may } = useWorkshop();
  const brief = home.briefs.find((candidate) => candidate.documentId === documentId);
  if (!brief || !may('brief.write')) return null;
  return (
    <AppLink href={composerPath(home.workshop.id, brief.id)} className={className} data-testid="compose-link">
      {strings.composer.composeLink}
    </AppLink>
  );
}
