import { findPatientData } from '../../src/domain/patient-data';

describe('patient data in free text', () => {
  it.each([
    ['NIR with spaces', 'Relance du patient 1 85 05 78 006 084 36', 'identifier'],
    ['NIR without spaces', 'INS 185057800608436 non qualifiée', 'identifier'],
    ['NIR without key (13 digits)', 'numéro 1850578006084', 'identifier'],
    ['NIR with dots', '2.85.05.78.006.084', 'identifier'],
    ['birth date with "née le"', 'Mme X née le 03/04/1950', 'birthDate'],
    ['DDN abbreviation', 'DDN 12.11.1987 pour le dossier', 'birthDate'],
    ['title, name and an old date', 'M. Dupont, 12/03/1985, a refusé', 'birthDate'],
  ])('finds a %s', (_name, text, finding) => {
    expect(findPatientData(text)).toBe(finding);
  });

  it.each([
    ['a phone number', 'Appeler le 01 23 45 67 89'],
    ['a FINESS number', 'FINESS 750712184'],
    ['a count', '1 250 messages envoyés'],
    ['a meeting with a named staff member', 'Réunion avec Mme Durand le 15/06/2022 sur la qualification INS'],
    ['a date alone', 'Mise à jour installée le 02/06/2022'],
    ['16 digits', 'Référence commande 1234567890123456'],
  ])('lets %s through', (_name, text) => {
    expect(findPatientData(text)).toBeUndefined();
  });
});
