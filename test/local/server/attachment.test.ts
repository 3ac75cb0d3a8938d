// The Content-Disposition of downloads: an attachment whose plain file name can carry nothing but safe characters.
import { attachmentDisposition } from '../../../src/local/server/attachment';

describe('attachmentDisposition', () => {
  it.each([
    ['RETEX-V1.1-transverse-2022-07-04.docx', 'attachment; filename="RETEX-V1.1-transverse-2022-07-04.docx"'],
    ['suivi-mes-ars-2022-06-10.xlsx', 'attachment; filename="suivi-mes-ars-2022-06-10.xlsx"'],
  ])('gives a safe name %j as it is', (name, header) => {
    expect(attachmentDisposition(name)).toBe(header);
  });

  it.each([
    ['fiche "cas".docx', 'attachment; filename="fiche_cas_.docx"; filename*=UTF-8\'\'fiche%20%22cas%22.docx'],
    [
      'Hôpital privé.pdf',
      'attachment; filename="Hopital_prive.pdf"; filename*=UTF-8\'\'H%C3%B4pital%20priv%C3%A9.pdf',
    ],
    ['../../secret.key', 'attachment; filename="secret.key"; filename*=UTF-8\'\'..%2F..%2Fsecret.key'],
    [
      'a\r\nSet-Cookie: x=1',
      'attachment; filename="a_Set-Cookie_x_1"; filename*=UTF-8\'\'a%0D%0ASet-Cookie%3A%20x%3D1',
    ],
    [
      "l'été (1)*.docx",
      'attachment; filename="l_ete_1_.docx"; filename*=UTF-8\'\'l%27%C3%A9t%C3%A9%20%281%29%2A.docx',
    ],
    ['', 'attachment; filename="fichier"; filename*=UTF-8\'\''],
  ])('reduces %j to safe characters and gives the exact name in filename*', (name, header) => {
    expect(attachmentDisposition(name)).toBe(header);
  });

  it('never lets a quote, a line break, a slash or a backslash into the header', () => {
    for (const name of ['"', '\n', '/', '\\', 'a"b\\c/d\re'])
      expect(attachmentDisposition(name).split(';')[1]).toMatch(/^ filename="[A-Za-z0-9._-]+"$/);
  });
});
