import { startTestServer } from './support/server';
it('smoke', async () => {
  const s = await startTestServer();
  for (const url of ['/', s.link('es','gh-cochin'), s.link('es','gh-cochin')+'/profil', s.link('es','gh-cochin')+'/historique', s.link('ars'), s.link('ars')+'/lignes/gh-cochin/uc1', s.link('ars')+'/completude', s.link('ars')+'/journal', s.link('ans'), s.link('ans')+'/remarques', '/es/xxx', '/dsfr/dsfr.min.css', '/assets/theme.css']) {
    const r = await s.get(url);
    console.log(url.slice(0,30), r.statusCode, r.body.length, r.statusCode >= 500 ? r.body.slice(0, 2000) : '');
  }
  await s.close();
});
