// What the `suivi-mes` commands say about their own arguments. What a command reports about the data comes from
// the core's messages (src/domain/messages.ts) or from the runtime it drives.
import { shown } from '../domain/messages';

export const frCommands = {
  /** Help of the options the RETEX commands share (`retex`, `google retex`, `national retex`). */
  help: {
    retexVersion: 'V1 (intermédiaire) ou VF (finale)',
    retexOut: 'dossier où écrire les documents',
    retexAuthor: 'qui émet le RETEX (Journal)',
  },
  retexMilestoneUnknown: (raw: string) =>
    `« --version » : ${shown(raw)} n'est pas un jalon ; V1 ou VF attendu.`,
};
