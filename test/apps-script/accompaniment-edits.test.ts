// How an action line typed in « Points de suivi » is read: responsable ; texte ; échéance, one per line.
import { parseActionLines } from '../../src/apps-script/accompaniment-edits';

describe('parseActionLines', () => {
  it('reads the owner by its label or id, whatever the case, and skips blank lines', () => {
    expect(
      parseActionLines(
        'ES ; Former deux secrétaires ; 21/06/2022\n\nsesan;Relancer l’éditeur;2022-06-24\r\nÉtablissement ; Tester ; 01/07/2022',
      ),
    ).toEqual([
      { owner: 'es', text: 'Former deux secrétaires', dueDate: '21/06/2022' },
      { owner: 'sesan', text: 'Relancer l’éditeur', dueDate: '2022-06-24' },
      { owner: 'es', text: 'Tester', dueDate: '01/07/2022' },
    ]);
  });

  it('passes an unknown owner and missing parts on, for the core to refuse in French', () => {
    expect(parseActionLines('DSI ; Installer')).toEqual([{ owner: 'DSI', text: 'Installer', dueDate: '' }]);
  });
});
