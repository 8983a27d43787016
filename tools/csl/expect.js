// Render a document's citations and bibliography with citeproc-js.
//
// stdin: {"style": CSL XML, "locale": en-US locale XML, "items": [CSL-JSON],
//         "clusters": [[{id, locator, label, prefix, suffix,
//                        "suppress-author", "author-only"}, ...], ...],
//         optionally "lang": the document's language ("es-ES") and
//         "locales": {"es-ES": locale XML, ...}, the locales it may ask for,
//         "notes": [note number of each cluster, ...] (optional: 0, in the text)}
// stdout: {"clusters": [html, ...], "bibliography": [[id, html], ...]}
//
// Every item is registered first (as Pandoc's `nocite: '@*'`), so that
// disambiguation sees the whole corpus, then clusters are processed in
// document order as a word processor would; later clusters may revise
// earlier ones, so the final text of each is collected at the end.
"use strict";
const CSL = require("citeproc");

// Entries that render empty are left out of makeBibliography()'s list, so
// tag each entry with its id instead of trusting the order of entry_ids.
CSL.Output.Formats.html["@bibliography/entry"] = function (state, str) {
  return "<entry id=\"" + this.system_id + "\">" + str + "</entry>";
};

const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const byId = new Map(input.items.map((item) => [String(item.id), item]));
const locales = Object.assign({"en-US": input.locale}, input.locales || {});
// The document's language is forced, as pandoc's `lang` is: it wins over the
// style's default-locale. It decides, among other things, whether an item
// without a `language` is English, so title-cased (getFieldLocale).
const engine = new CSL.Engine({
  retrieveLocale: (name) => {
    if (!(name in locales)) throw new Error("expect.js: no locale " + name + " given");
    return locales[name];
  },
  retrieveItem: (id) => byId.get(String(id)),
}, input.style, input.lang || "en-US", Boolean(input.lang));

engine.updateUncitedItems(input.items.map((item) => String(item.id)));

// A note style's positions (ibid, subsequent, near-note) count in notes: a
// cluster's note number, as a word processor (or pandoc) gives it.
function note(n) {
  return input.notes ? input.notes[n] : 0;
}

const rendered = new Map();
const pre = [];
input.clusters.forEach((cites, n) => {
  const citation = {citationID: "c" + n, citationItems: cites,
                    properties: {noteIndex: note(n)}};
  const [, updates] = engine.processCitationCluster(citation, pre, []);
  for (const [index, html] of updates) rendered.set(index, html);
  pre.push(["c" + n, note(n)]);
});

const [, entries] = engine.makeBibliography();
const out = {
  clusters: input.clusters.map((_, n) => rendered.get(n)),
  bibliography: entries.map((entry) => {
    const [, id, html] = /^<entry id="(.*?)">([\s\S]*)<\/entry>$/.exec(entry);
    return [id, html.trim()];
  }),
};
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
