// Who can read and write what on the local server, route by route and column by column: an ES link never reaches
// another ES's data; the ARS changes an ES value only by correction (reason required, kept in history); the ANS
// writes « Remarques » and nothing else; a form's CSRF token works for its own audience only; user text never
// becomes markup on any page that shows it. Headers, tokens at rest and single cases are in security.test.ts.
import { recordPoint } from '../../../src/app/accompaniment';
import { canWrite } from '../../../src/domain/access';
import { AccompanimentSqliteStore } from '../../../src/local/db/accompaniment-sqlite-store';
import type { Role } from '../../../src/schema/tracking-file';
import { weeklyAnswers } from '../../support/project';
import {
  cookieHeader,
  csrfOf,
  formPayload,
  startTestServer,
  type TestServer,
} from '../../support/local/server';
import { routesOf } from '../../support/local/routes';
import { attributeNames } from '../../support/local/html';

const uuid = () => crypto.randomUUID();
const OTHER = 'cessrin-maisons-laffitte';
/** Text only CESSRIN's data holds: none of it may reach a page of gh-cochin's link. */
const OTHER_SECRETS = ['Secret CESSRIN', 'referente.cessrin@mgen.fr', 'Secretnom', 'CESSRIN', 'MGEN'];

/** A complete profile form, with contact and use-case answers replaced where given. */
function profileFields(
  contact: Record<string, string>,
  useCases: Record<string, { pathway: string; use_case: string }>,
): Array<[string, string]> {
  const person = {
    last_name: 'Martin',
    first_name: 'Anne',
    email: 'anne.martin@aphp.fr',
    role: 'Cadre',
    phone: '01 58 41 41 41',
    ...contact,
  };
  return [
    ['submission_id', uuid()],
    ['care_type', 'MCO'],
    ['bed_count', '120'],
    ...Object.entries(person).map(([k, v]): [string, string] => [`es_contact.0.${k}`, v]),
    ['software.0.gam', 'Orbis'],
    ['ins_status', 'En cours de déploiement'],
    ['dmp_status', 'Alimentation DMP active'],
    ...Object.entries(useCases).flatMap(([id, u]): Array<[string, string]> => [
      [`${id}.pathway`, u.pathway],
      [`${id}.use_case`, u.use_case],
    ]),
  ];
}

describe('access on the local server', () => {
  let s: TestServer;
  let es: string;
  let other: string;
  beforeEach(async () => {
    s = await startTestServer('2022-06-10T12:00:00+02:00');
    es = s.link('es', 'gh-cochin');
    other = s.link('es', OTHER);
    for (const useCase of ['uc1', 'uc2']) {
      const res = await s.submit(other, other, [
        ['submission_id', uuid()],
        ['week', '2022-W23'],
        ['use_case_id', useCase],
        ...Object.entries(weeklyAnswers({ visits: 77 }, { vigilance_points: `Secret CESSRIN ${useCase}` })),
      ]);
      expect(res.statusCode).toBe(303);
    }
    const profile = await s.submit(
      `${other}/profil`,
      `${other}/profil`,
      profileFields(
        { last_name: 'Secretnom', email: 'referente.cessrin@mgen.fr', phone: '01 39 12 34 56' },
        {
          uc1: { pathway: 'Néphrologie', use_case: 'Greffe' },
          uc2: { pathway: 'HDJ SSR', use_case: 'Autonomie' },
        },
      ),
    );
    expect(profile.statusCode).toBe(200);
    expect(s.data.store.getEstablishment(OTHER)?.values.es_contact).toBeTruthy();
    const own = await s.submit(es, es, [
      ['submission_id', uuid()],
      ['week', '2022-W23'],
      ...Object.entries(weeklyAnswers({}, { vigilance_points: 'Texte de Cochin' })),
    ]);
    expect(own.statusCode).toBe(303);
    // A follow-up point with an ES action for each of the two establishments.
    const accompaniment = {
      project: s.deps.project,
      store: s.data.store,
      clock: s.clock,
      accompaniment: new AccompanimentSqliteStore(s.data.db),
    };
    for (const [establishmentId, text] of [
      [OTHER, 'Secret CESSRIN action'],
      ['gh-cochin', 'Action de Cochin'],
    ] as const)
      expect(
        recordPoint(accompaniment, {
          establishmentId,
          author: 'ars',
          raw: {
            date: '2022-06-09',
            summary: 'Point.',
            actions: [{ text, owner: 'es', dueDate: '2022-06-20' }],
          },
        }).status,
      ).toBe('saved');
  });
  afterEach(() => s.close());

  const snapshot = () =>
    JSON.stringify({
      versions: s.data.store.listReportVersions(),
      establishments: s.data.store.listEstablishments(),
      annotations: [...s.data.store.allAnnotations()],
      changes: s.data.store.listCellChanges(),
    });

  describe('an ES link and another establishment’s data', () => {
    /** Every ES route, with the ways gh-cochin's link may try to reach CESSRIN (uc2 is CESSRIN's only). */
    const ATTEMPTS: Record<
      string,
      /** `page`: where the form's CSRF token is read, when it is not the posted address. */
      Array<{ method: 'GET' | 'POST'; suffix: string; page?: string; fields?: Array<[string, string]> }>
    > = {
      '/es/:token': [
        { method: 'GET', suffix: '?use_case_id=uc2&week=2022-W23' },
        { method: 'GET', suffix: `?establishment_id=${OTHER}` },
        {
          method: 'POST',
          suffix: '',
          fields: [
            ['use_case_id', 'uc2'],
            ['week', '2022-W23'],
            ...Object.entries(weeklyAnswers({ visits: 1 })),
          ],
        },
        {
          method: 'POST',
          suffix: '',
          fields: [
            ['establishment_id', OTHER],
            ['week', '2022-W23'],
            ...Object.entries(weeklyAnswers({ visits: 1 })),
          ],
        },
      ],
      '/es/:token/declarations/:useCaseId/:week/:version': [
        { method: 'GET', suffix: '/declarations/uc2/2022-W23/1' },
        { method: 'GET', suffix: `/declarations/${OTHER}/2022-W23/1` },
        { method: 'GET', suffix: '/declarations/uc1/2022-W23/1' },
      ],
      '/es/:token/accompagnement': [{ method: 'GET', suffix: `/accompagnement?establishment_id=${OTHER}` }],
      '/es/:token/accompagnement/actions/:actionId': [
        {
          method: 'POST',
          page: '/accompagnement',
          suffix: `/accompagnement/actions/${OTHER}-2022-06-09-1-a1`,
          fields: [['version', '1']],
        },
      ],
      '/es/:token/historique': [{ method: 'GET', suffix: `/historique?establishment_id=${OTHER}` }],
      '/es/:token/profil': [
        { method: 'GET', suffix: `/profil?establishment_id=${OTHER}` },
        { method: 'POST', suffix: '/profil', fields: [['uc2.pathway', 'Parcours détourné']] },
        {
          method: 'POST',
          suffix: '/profil',
          fields: [
            ['establishment_id', OTHER],
            ['bed_count', '3'],
          ],
        },
      ],
    };

    it('has an attempt for every ES route', () => {
      const esRoutes = routesOf(s.app)
        .filter((r) => r.path.startsWith('/es/'))
        .map((r) => r.path);
      expect(esRoutes.sort()).toEqual(Object.keys(ATTEMPTS).sort());
    });

    it.each(Object.entries(ATTEMPTS))(
      '%s never shows nor changes the other establishment',
      async (_route, attempts) => {
        for (const attempt of attempts) {
          const before = snapshot();
          const res =
            attempt.method === 'GET'
              ? await s.get(`${es}${attempt.suffix}`)
              : await s.submit(`${es}${attempt.page ?? attempt.suffix}`, `${es}${attempt.suffix}`, [
                  ['submission_id', uuid()],
                  ...(attempt.fields ?? []),
                ]);
          expect(res.statusCode).toBeLessThan(500);
          for (const secret of OTHER_SECRETS)
            expect({ attempt, has: res.body.includes(secret) }).toEqual({ attempt, has: false });
          if (attempt.method === 'POST') {
            expect(res.statusCode).toBe(422);
            expect(snapshot()).toBe(before);
          }
        }
      },
    );
  });

  describe('the ARS and the ES-owned cells', () => {
    const notArs = () =>
      s.deps.project.tracking.columns.filter((c) => !canWrite(s.deps.project.tracking, 'ars', c).allowed);

    it('refuses an in-place edit of every column it does not own, with the checker’s message, changing nothing', async () => {
      const ars = s.link('ars');
      const columns = notArs();
      expect(columns.map((c) => c.owner).sort()).toEqual(expect.arrayContaining(['ans', 'es']));
      for (const column of columns) {
        const before = snapshot();
        const res = await s.submit(ars, `${ars}/cellule`, [
          ['row_key', 'gh-cochin/uc1'],
          ['column_id', column.id],
          ['back', 'row'],
          ['value', '42'],
        ]);
        const decision = canWrite(s.deps.project.tracking, 'ars', column);
        if (decision.allowed) throw new Error('allowed');
        expect({ column: column.id, status: res.statusCode }).toEqual({ column: column.id, status: 422 });
        expect(res.body).toContain(decision.error.message.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
        expect(snapshot()).toBe(before);
      }
    });

    it('offers no edit control for those columns on the row page', async () => {
      const page = await s.get(`${s.link('ars')}/lignes/gh-cochin/uc1`);
      expect(page.statusCode).toBe(200);
      for (const column of notArs()) expect(page.body).not.toContain(`id="c-gh-cochin-uc1-${column.id}"`);
    });

    it('changes an ES value only by correction: reason required, a new version, the old one and the reason kept', async () => {
      const ars = s.link('ars');
      const row = `${ars}/lignes/gh-cochin/uc1`;
      const correction = (reason: string, extra: Array<[string, string]> = []) =>
        s.submit(row, `${row}/correction`, [
          ['submission_id', uuid()],
          ['week', '2022-W23'],
          ['reason', reason],
          ...Object.entries(weeklyAnswers({ visits: 15 }, { vigilance_points: 'Texte de Cochin' })),
          ...extra,
        ]);
      const without = await correction('   ');
      expect(without.statusCode).toBe(422);
      expect(s.data.store.versionsOfRow('gh-cochin/uc1')).toHaveLength(1);

      const initOnly = await correction('Nombre de lits', [['bed_count', '900']]);
      expect(initOnly.statusCode).toBe(422);
      expect(s.data.store.versionsOfRow('gh-cochin/uc1')).toHaveLength(1);
      expect(s.data.store.getEstablishment('gh-cochin')?.values.bed_count ?? null).toBeNull();

      const ok = await correction('Erreur de saisie signalée par le référent');
      expect(ok.statusCode).toBe(303);
      const versions = s.data.store.versionsOfRow('gh-cochin/uc1');
      expect(versions.map((v) => [v.version, v.source, v.values.visits, v.reason])).toEqual([
        [1, 'form', 12, null],
        [2, 'correction', 15, 'Erreur de saisie signalée par le référent'],
      ]);
      const journal = s.data.store.listJournal().map((e) => `${e.summary} ${e.details ?? ''}`);
      expect(journal.some((line) => line.includes('Erreur de saisie signalée par le référent'))).toBe(true);
      const history = await s.get(`${es}/historique`);
      expect(history.body).toContain('Erreur de saisie signalée par le référent');
    });
  });

  describe('the ANS', () => {
    it('writes « Remarques » and is refused every other column, changing nothing', async () => {
      const ans = s.link('ans');
      const { tracking } = s.deps.project;
      for (const column of tracking.columns) {
        const before = snapshot();
        const res = await s.submit(`${ans}/remarques`, `${ans}/remarques`, [
          ['row_key', 'gh-cochin/uc1'],
          ['column_id', column.id],
          ['back', 'remarks'],
          ['value', 'Remarque nationale'],
        ]);
        const decision = canWrite(tracking, 'ans', column);
        if (decision.allowed) {
          expect(res.statusCode).toBe(303);
          expect(s.data.store.annotations('gh-cochin/uc1')[column.id]).toBe('Remarque nationale');
          continue;
        }
        expect({ column: column.id, status: res.statusCode }).toEqual({ column: column.id, status: 422 });
        expect(res.body).toContain(decision.error.message);
        expect(snapshot()).toBe(before);
      }
      expect(tracking.columns.filter((c) => canWrite(tracking, 'ans', c).allowed).map((c) => c.id)).toEqual([
        'remarks',
      ]);
    });

    it('has no route to the ARS’s writes nor the ES forms', async () => {
      const ans = s.link('ans');
      const token = ans.split('/')[2] ?? '';
      for (const [url, method] of [
        [`${ans}/cellule`, 'POST'],
        [`${ans}/lignes/gh-cochin/uc1/correction`, 'POST'],
        [`${ans}/import`, 'POST'],
        [`${ans}/relances`, 'POST'],
        [`/ars/${token}/cellule`, 'POST'],
        [`/es/${token}`, 'POST'],
        [`/es/${token}/profil`, 'POST'],
      ] as const) {
        const before = snapshot();
        const res = await s.app.inject({
          method,
          url,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: 'row_key=gh-cochin%2Fuc1&column_id=actions&value=x',
        });
        expect({ url, status: res.statusCode }).toEqual({ url, status: 404 });
        expect(snapshot()).toBe(before);
      }
    });
  });

  describe('CSRF between audiences', () => {
    const FORMS: Record<
      Role,
      { page: (s: TestServer) => string; action: (s: TestServer) => string; fields: Array<[string, string]> }
    > = {
      es: {
        page: (t) => t.link('es', 'gh-cochin'),
        action: (t) => t.link('es', 'gh-cochin'),
        fields: [
          ['submission_id', uuid()],
          ['week', '2022-W23'],
          ...Object.entries(weeklyAnswers({ visits: 20 })),
        ],
      },
      ars: {
        page: (t) => t.link('ars'),
        action: (t) => `${t.link('ars')}/cellule`,
        fields: [
          ['row_key', 'gh-cochin/uc1'],
          ['column_id', 'actions'],
          ['value', 'Action'],
        ],
      },
      ans: {
        page: (t) => `${t.link('ans')}/remarques`,
        action: (t) => `${t.link('ans')}/remarques`,
        fields: [
          ['row_key', 'gh-cochin/uc1'],
          ['column_id', 'remarks'],
          ['value', 'Remarque'],
        ],
      },
    };
    const pairs = (['es', 'ars', 'ans'] as const).flatMap((from) =>
      (['es', 'ars', 'ans'] as const).filter((to) => to !== from).map((to) => [from, to] as const),
    );

    it.each(pairs)('refuses a %s page’s token and cookie on the %s form', async (from, to) => {
      const page = await s.get(FORMS[from].page(s));
      const before = snapshot();
      const res = await s.app.inject({
        method: 'POST',
        url: FORMS[to].action(s),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(page) },
        payload: formPayload([['_csrf', csrfOf(page.body)], ...FORMS[to].fields]),
      });
      expect(res.statusCode).toBe(403);
      expect(snapshot()).toBe(before);
    });

    it.each(['es', 'ars', 'ans'] as const)(
      'accepts the %s form with its own page’s token (the refusals are about the token)',
      async (role) => {
        const res = await s.submit(FORMS[role].page(s), FORMS[role].action(s), FORMS[role].fields);
        expect(res.statusCode).toBe(303);
      },
    );
  });

  describe('user text on every page that shows it', () => {
    const ATTACKS = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(2)>',
      '" autofocus onfocus="alert(3)',
      "' onmouseover='alert(4)",
      '</textarea><script>alert(5)</script>',
      'javascript:alert(6)',
    ];
    /** What the attacks would look like had one become markup: a tag of theirs, a link to script. */
    const rawMarkup = /<script>alert|<img src=x|<\/textarea><script>|href="javascript:/;

    it('is shown as text on the ES, ARS and ANS pages and in the Journal, never as markup', async () => {
      const ars = s.link('ars');
      const ans = s.link('ans');
      const text = ATTACKS.join(' ');
      const declared = await s.submit(es, es, [
        ['submission_id', uuid()],
        ['week', '2022-W23'],
        ...Object.entries(
          weeklyAnswers({ visits: 13 }, { vigilance_points: text, messaging_feedback: ATTACKS[2] ?? '' }),
        ),
      ]);
      expect(declared.statusCode).toBe(303);
      const profile = await s.submit(
        `${es}/profil`,
        `${es}/profil`,
        profileFields(
          { last_name: ATTACKS[0] ?? '', first_name: ATTACKS[2] ?? '', role: ATTACKS[3] ?? '' },
          { uc1: { pathway: ATTACKS[4] ?? '', use_case: ATTACKS[5] ?? '' } },
        ),
      );
      expect(profile.statusCode).toBe(200);
      for (const [column, value] of [
        ['actions', text],
        ['launch_meeting_date', ATTACKS[0] ?? ''],
      ] as const)
        await s.submit(ars, `${ars}/cellule`, [
          ['row_key', 'gh-cochin/uc1'],
          ['column_id', column],
          ['value', value],
        ]);
      await s.submit(`${ans}/remarques`, `${ans}/remarques`, [
        ['row_key', 'gh-cochin/uc1'],
        ['column_id', 'remarks'],
        ['value', text],
      ]);
      // A refused counter: its text comes back in the form, and into the Journal's refusal line.
      const refused = await s.submit(es, es, [
        ['submission_id', uuid()],
        ['week', '2022-W23'],
        ...Object.entries(weeklyAnswers({}, { visits: ATTACKS[0] ?? '' })),
      ]);
      expect(refused.statusCode).toBe(422);
      expect(s.data.store.annotations('gh-cochin/uc1').actions).toBe(text);

      const pages = [
        refused.body,
        ...(await Promise.all(
          [
            es,
            `${es}/historique`,
            `${es}/declarations/uc1/2022-W23/2`,
            `${es}/profil`,
            ars,
            `${ars}/lignes/gh-cochin/uc1`,
            `${ars}/journal`,
            `${ars}/completude`,
            `${ars}/echanges`,
            ans,
            `${ans}/remarques`,
            `${ars}?modifie=${encodeURIComponent(ATTACKS[0] ?? '')}`,
            `${ans}/remarques?modifie=${encodeURIComponent(`gh-cochin/uc1|${ATTACKS[1] ?? ''}`)}`,
            `${es}?week=${encodeURIComponent(ATTACKS[0] ?? '')}&use_case_id=${encodeURIComponent(ATTACKS[1] ?? '')}`,
          ].map(async (url) => {
            const res = await s.get(url);
            expect({ url, status: res.statusCode }).toEqual({ url, status: 200 });
            return res.body;
          }),
        )),
      ];
      // The detector sees an attribute that text would have added.
      expect(attributeNames('<input value="x" autofocus onfocus="alert(3)"/>')).toEqual([
        'value',
        'autofocus',
        'onfocus',
      ]);
      let shown = 0;
      for (const body of pages) {
        expect(body).not.toMatch(rawMarkup);
        expect(attributeNames(body).filter((a) => a.startsWith('on') || a === 'autofocus')).toEqual([]);
        if (body.includes('&lt;script>alert(1)&lt;/script>')) shown += 1;
      }
      // The text is there, escaped, on most of the pages (not only absent).
      expect(shown).toBeGreaterThanOrEqual(8);
    });
  });
});
