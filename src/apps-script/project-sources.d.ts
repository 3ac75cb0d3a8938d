// The data files, bundled at build time by scripts/build-apps-script.mjs (JSON imports, the CSV as text), from the
// paths suivi.config.json names. Only main.ts imports this module.
declare module 'suivi:project-sources' {
  const sources: import('./bundled-project').BundledSources;
  export default sources;
}

// The RETEX template descriptions (every .json of the config's files.retexTemplates folder, by file name).
declare module 'suivi:retex-sources' {
  const sources: Readonly<Record<string, unknown>>;
  export default sources;
}

// The binômes file the config names (files.binomes), or undefined when it names none.
declare module 'suivi:binomes-source' {
  const source: unknown;
  export default source;
}

// The committee pack's template description (comite-mensuel.json of files.committeeTemplates).
declare module 'suivi:committee-source' {
  const source: unknown;
  export default source;
}
