/*
 * The case finder: search by words, parts of words, pinyin and initials,
 * narrowed by the facets meta.js declares (theme, province, year …).  Runs entirely in the
 * browser, hosted or opened from file://: all data arrives as <script> files
 * (finder/data/*.js) that call window.__finder, loaded only when a query
 * needs them: the postings of its terms (scored with lunr's model; pinyin
 * prefixes and near spellings matched with lunr.js's token sets), the facet
 * cells of the cases it finds, the result lines of the results shown.
 *
 * The tokenizer, shard hash and the postings' numbers must match
 * src/compendium/finder/data.py and postings.py, and the data it reads is named
 * there: DATA_VERSION is FINDER_DATA_VERSION, and a result line (r<j>.js) is
 * read by the names in meta.docFields (DOC_FIELDS).  The facets, their labels,
 * values and counts come from meta.facets (the fields that declare them,
 * compendium/model/fields.py): this script names none.
 * Everything shown comes from content files: it is inserted as text, never
 * as HTML.
 */
(function () {
  "use strict";

  var root = document.getElementById("cc-finder");
  if (!root || !window.lunr) return;

  var BASE = root.getAttribute("data-meta").replace(/meta\.js$/, "");  // finder/data/ relative to this page
  var SITE = root.getAttribute("data-root");        // the site root relative to this page
  // known before meta.js arrives, so that a query's shards load alongside it
  var TEXT_SHARDS = Number(root.getAttribute("data-text-shards"));
  var PINYIN = (root.getAttribute("data-pinyin") || "").split(" ");   // the pinyin shards' first letters (2 or more)
  var PAGE = 10;                                    // results shown at a time
  var MAX_TERMS = 32;                               // longer queries use their first terms
  var RUNS = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+/g;
  // pinyin with tone digits (ying2yang3), as data.py's _TONED
  var TONED = /^(?:[bpmfdtnlgkhjqxrzcsyw]?h?[aeiouv]+(?:ng|n|r)?[1-5]?)+$/;

  var DATA_VERSION = 6;                             // the version of meta.js this script reads
  var meta = null;
  var F = null;                                     // a field's name → its position in a result line
  var shards = {};                                  // a shard's key → {term: its postings, encoded}
  var decoded = {};                                 // "key term" → the term's postings, decoded
  var tokenSets = {};                               // a pinyin shard's key → a lunr.TokenSet of its tokens
  var rows = {};                                    // r<j>.js: chunk → result lines
  var cells = {};                                   // f<j>.js: chunk → per facet {cells, ids}
  var where = {};                                   // a term → its text postings (fields, title positions)
  var heads = {};
  var texts = {};
  var loading = {};
  var els = {
    form: root.querySelector("form"),
    q: root.querySelector("[name=q]"),
    facets: {},                                     // a facet's name → its select, made from meta.facets
    facetBox: root.querySelector(".cc-finder__facets"),
    status: root.querySelector(".cc-finder__status"),
    empty: root.querySelector(".cc-finder__empty"),
    unfiltered: root.querySelector(".cc-finder__unfiltered"),
    suggestions: root.querySelector(".cc-finder__suggestions"),
    filters: root.querySelector(".cc-finder__filters"),
    chosen: root.querySelector(".cc-finder__chosen"),
    results: root.querySelector(".cc-finder__results"),
    more: root.querySelector(".cc-finder__more")
  };
  var current = { hits: [], shown: 0, terms: [], runs: [], slips: [], marks: [] };
  var sequence = 0;

  var queued = (window.__finder && window.__finder.queue) || [];
  window.__finder = {
    meta: function (data) { meta = data; },
    shard: function (key, postings) { shards[key] = postings; },
    rows: function (chunk, lines) { rows[chunk] = lines; },
    facets: function (chunk, columns) { cells[chunk] = columns.map(decodeColumn); },
    heads: function (chunk, lines) { heads[chunk] = lines; },
    text: function (i, text) { texts[i] = text; },
    // exposed so that tests can check they agree with compendium/finder/data.py and postings.py
    queryTerms: queryTerms,
    queryRuns: runsOf,
    shardOf: shardOf,
    pinyinShards: function (prefix, letters) { return shardsOf(prefix, letters); },
    decode: function (text, bigram) { return decode(text, bigram); },
    // the results' order as shown page by page: hits (case numbers), their ranks and scores, the pages' ends
    order: function (hits, rank, scores, ends) {
      var put = ranked(hits, rank, scores);
      return ends.map(function (n) { put(n); return hits.slice(0, n); });
    }
  };

  function load(name) {
    if (!loading[name]) {
      loading[name] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = BASE + name + ".js";
        script.onload = function () { resolve(); };
        script.onerror = function () { reject(new Error("cannot load " + name)); };
        document.head.appendChild(script);
      });
    }
    return loading[name];
  }

  // Tokens ----------------------------------------------------------------

  var simplified = {};                              // traditional → simplified characters (meta.simplified)
  var QUOTES = /[\u201c\u201d\u2018\u2019"'\u300c\u300d\u300e\u300f\u300a\u300b\u3008\u3009]/g;  // data.py's _QUOTES
  function normalize(text) {
    return text.normalize("NFKC").toLowerCase().replace(QUOTES, "")
      .replace(/[^\x00-\x7f]/g, function (c) { return simplified[c] || c; });
  }

  /* An ASCII run read as pinyin with tone digits loses them (ying2yang3 → yingyang); others stay. */
  function toneless(run) {
    return /^[a-z]/.test(run) && /[0-9]/.test(run) && TONED.test(run) ? run.replace(/[1-5]/g, "") : run;
  }

  /* The words of a query: Han runs and ASCII runs, pinyin without tone digits (data.py's query_runs). */
  function runsOf(text) { return (normalize(text).match(RUNS) || []).map(toneless); }

  /* Bigrams of each Han run (the character itself for a run of one); ASCII words. */
  function queryTerms(text) {
    var out = [];
    runsOf(text).forEach(function (run) {
      if (/^[a-z0-9]/.test(run) || run.length === 1) out.push(run);
      else for (var i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    });
    return out.filter(function (term, i) { return out.indexOf(term) === i; });
  }

  /* FNV-1a over UTF-16 code units, as in compendium/finder/data.py. */
  function shardOf(token, count) {
    var h = 0x811c9dc5;
    for (var i = 0; i < token.length; i++) {
      h ^= token.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % count;
  }

  // Data ---------------------------------------------------------------------

  /* The numbers of postings.py: base 45, a digit of the alphabet's first half ends a number. */
  var ALPHABET = "";
  for (var code = 0x21; code < 0x7f; code++) if ("\"'\\<".indexOf(String.fromCharCode(code)) < 0) ALPHABET += String.fromCharCode(code);
  var RADIX = ALPHABET.length / 2;
  var DIGIT = new Int8Array(128);
  for (var d = 0; d < ALPHABET.length; d++) DIGIT[ALPHABET.charCodeAt(d)] = d;
  var SCORE_SCALE = 50;
  var TITLE = 2, IN_PLACE = 1;                      // postings.py's fields (TEXT is 0)

  function numbers(text) {
    var out = [];
    var value = 0;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGIT[text.charCodeAt(i)];
      if (digit < RADIX) { out.push(value * RADIX + digit); value = 0; }
      else value = value * RADIX + digit - RADIX;
    }
    return out;
  }

  /* A term's postings (postings.py): case number → score, and where it stands (fields: those in title, unit or
     place; at: a title bigram's positions in the title). */
  function decode(text, bigram) {
    var n = numbers(text);
    var out = { scores: {}, fields: {}, at: {} };
    var ref = -1;
    for (var k = 0; k < n.length;) {
      var head = n[k++];
      ref += Math.floor(head / 3) + 1;
      var field = head % 3;
      out.scores[ref] = n[k++] / SCORE_SCALE;
      if (field) out.fields[ref] = field;
      if (field === TITLE && bigram) {
        var at = [];
        for (var count = n[k++]; count > 0; count--) at.push(n[k++]);
        out.at[ref] = at;
      }
    }
    if (ref >= 0) filled.add(out.scores);
    return out;
  }

  function isBigram(term) { return term.length === 2 && !/^[a-z0-9]/.test(term); }

  function postings(key, term) {
    var name = key + " " + term;
    if (!(name in decoded)) {
      var data = shards[key];
      decoded[name] = data && data[term] ? decode(data[term], isBigram(term)) : null;
    }
    return decoded[name];
  }

  /* Facet k's cells of a chunk of cases (data.py's _column): its distinct cells and each case's cell among them,
     written as runs of equal ones (cell × 2 + 1 then the run's length − 2, or cell × 2 alone) or directly (a
     character a value, the last of a cell from the alphabet's second half; one character for no value).  A cell
     is read with every value above its values (a theme's parents: `up`). */
  var DIRECT = RADIX - 1;
  var directCells = [];
  function decodeColumn(column, k) {
    var values = meta.facets[k].values;
    function above(cell) {
      var out = [];
      cell.forEach(function (v) {
        for (; v !== undefined && out.indexOf(v) < 0; v = values[v].up) out.push(v);
      });
      return out.sort(function (a, b) { return a - b; });
    }
    var ids = [];
    if (column.direct === undefined) {
      var n = numbers(column.runs);
      for (var i = 0; i < n.length;) {
        var head = n[i++];
        var length = head % 2 ? n[i++] + 2 : 1;
        for (var j = 0; j < length; j++) ids.push(head >> 1);
      }
      return { cells: column.cells.map(above), ids: ids };
    }
    var distinct = [];
    var known = new Map();                          // a cell's values as a number in base 45 → its position
    var seen = directCells[k] || (directCells[k] = new Map());  // the same number → its values, in any chunk
    var key = 0;
    for (var c = 0; c < column.direct.length; c++) {
      var digit = DIGIT[column.direct.charCodeAt(c)];
      if (digit < 2 * DIRECT) {
        key = key * RADIX + (digit < DIRECT ? digit : digit - DIRECT) + 1;
        if (digit < DIRECT) continue;
      }
      var id = known.get(key);
      if (id === undefined) {
        id = distinct.length;
        known.set(key, id);
        var full = seen.get(key);
        if (full === undefined) {
          // the values back from the number (each value + 1 a digit)
          var cell = [];
          for (var rest = key; rest > 0; rest = Math.floor(rest / RADIX)) cell.push(rest % RADIX - 1);
          seen.set(key, full = above(cell));
        }
        distinct.push(full);
      }
      ids.push(id);
      key = 0;
    }
    return { cells: distinct, ids: ids };
  }

  // Search -----------------------------------------------------------------

  /* The cases a term finds in a shard, with scores: the term itself, or (prefix) every pinyin token it begins. */
  function lookup(key, term, prefix) {
    if (!shards[key]) return {};
    if (!prefix) {
      var found = postings(key, term);
      if (found) where[term] = found;
      return found ? found.scores : {};
    }
    return tokensFound(key, lunr.TokenSet.fromString(term + "*"), 1);
  }

  /* The cases of the tokens of a pinyin shard that a lunr.TokenSet (a prefix, a near spelling) matches, each
     with the best of their scores × `weight`. */
  function tokensFound(key, query, weight) {
    var data = shards[key];
    if (!data) return {};
    if (!tokenSets[key]) tokenSets[key] = lunr.TokenSet.fromArray(Object.keys(data).sort());
    var found = {};
    tokenSets[key].intersect(query).toArray().forEach(function (token) { keepBest(found, postings(key, token).scores, weight); });
    return found;
  }

  /* The pinyin shards that hold the tokens starting with `prefix` (data.py's pinyin_keys: a token is in the
     shard of the longest letters it starts with): the longest shard letters `prefix` starts with, and every
     shard whose letters start with `prefix`. */
  function pinyinKeys(prefix) { return shardsOf(prefix, PINYIN); }
  function shardsOf(prefix, shardLetters) {
    var longest = "";
    var keys = [];
    shardLetters.forEach(function (letters) {
      if (letters.length > prefix.length) {
        if (letters.lastIndexOf(prefix, 0) === 0) keys.push("p" + letters);
      } else if (prefix.lastIndexOf(letters, 0) === 0 && letters.length > longest.length) {
        longest = letters;
      }
    });
    return longest ? ["p" + longest].concat(keys) : keys;
  }

  /* The shards one term needs, and how to look it up in each. */
  function plan(term) {
    var steps = [{ key: "t" + shardOf(term, TEXT_SHARDS), prefix: false }];
    if (/^[a-z]{2}/.test(term)) pinyinKeys(term).forEach(function (key) { steps.push({ key: key, prefix: true }); });
    return steps;
  }

  /* The query with its pinyin words that the compendium writes in characters put in them (yingyang → 营养), and
     those words; null when it has none. */
  function hanQuery(text) {
    var words = (meta && meta.pinyinWords) || {};
    var found = [];
    var replaced = normalize(text).replace(/[a-z0-9]+/g, function (run) {
      var word = words[toneless(run)];
      if (!word) return run;
      found.push(word);
      return " " + word + " ";
    });
    return found.length ? { text: replaced.replace(/\s+/g, " ").trim(), words: found } : null;
  }

  /* Near pinyin, for a pinyin word that found nothing (chonqing, lanzou): one letter dropped, added, changed
     or swapped, in the shards of its first letters and of their z/zh, c/ch, s/sh counterparts. */
  function nearShards(term) {
    if (!/^[a-z]{4,}$/.test(term)) return [];
    var firsts = [term.slice(0, 2)];
    var m = /^([zcs])(h?)/.exec(term);
    if (m) firsts.push(m[2] ? m[1] + term.slice(2, 3) : m[1] + "h");
    var keys = [];
    firsts.forEach(function (p) {
      pinyinKeys(p).forEach(function (key) { if (keys.indexOf(key) < 0) keys.push(key); });
    });
    return keys;
  }

  /* The slips Chinese input methods forgive (模糊音), for a pinyin word that found nothing: an/ang, en/eng, in/ing
     (ian/iang and uan/uang with them) at a syllable's end; z/zh, c/ch, s/sh, n/l, f/h, r/l at its start (the
     word's first letter, or one after a vowel, n or g, where a syllable may begin).  Each spelling one slip away. */
  var INITIALS = { z: ["zh"], c: ["ch"], s: ["sh"], zh: ["z"], ch: ["c"], sh: ["s"], n: ["l"], l: ["n", "r"],
                   r: ["l"], f: ["h"], h: ["f"] };
  function slips(term) {
    if (!/^[a-z]{3,}$/.test(term)) return [];
    var out = [];
    function add(spelling) { if (spelling !== term && out.indexOf(spelling) < 0) out.push(spelling); }
    var finals = /([aei])n(g?)/g;
    for (var m = finals.exec(term); m; m = finals.exec(term)) {
      var end = m.index + m[0].length;
      if (m[2]) add(term.slice(0, m.index) + m[1] + "n" + term.slice(end));
      // n before a vowel begins the next syllable (ba-na): no final there
      else if (!/[aeiouv]/.test(term.charAt(end))) add(term.slice(0, m.index) + m[1] + "ng" + term.slice(end));
    }
    for (var at = 0; at < term.length; at++) {
      if (at > 0 && !/[aeiouvng]/.test(term.charAt(at - 1))) continue;
      var two = term.slice(at, at + 2);
      var initial = /^[zcs]h$/.test(two) ? two : term.charAt(at);
      (INITIALS[initial] || []).forEach(function (other) {
        add(term.slice(0, at) + other + term.slice(at + initial.length));
      });
    }
    return out;
  }

  /* The pinyin shards a word's slips need. */
  function slipShards(term) {
    var keys = [];
    slips(term).forEach(function (spelling) {
      pinyinKeys(spelling).forEach(function (key) { if (keys.indexOf(key) < 0) keys.push(key); });
    });
    return keys;
  }

  /* The cases a word's slips find (as the start of a pinyin word, like the word itself), and the spellings that
     found them (said in the result line). */
  function slipped(term, spellings) {
    var found = {};
    slips(term).forEach(function (spelling) {
      var hits = {};
      pinyinKeys(spelling).forEach(function (key) { keepBest(hits, lookup(key, spelling, true), 1); });
      if (!isEmpty(hits) && spellings.indexOf(spelling) < 0) spellings.push(spelling);
      keepBest(found, hits, 1 / 1.5);
    });
    return found;
  }

  function near(term) {
    var found = {};
    nearShards(term).forEach(function (key) { keepBest(found, tokensFound(key, lunr.TokenSet.fromFuzzyString(term, 1), 1 / 2), 1); });
    return found;
  }

  /* The cases a term finds, with scores; those found by pinyin are noted in `byPinyin` (the pinyin of a
     title, unit, place, theme or keyword: ranked as unit and place, see standing). */
  function hitsOf(term, byPinyin) {
    var steps = plan(term).map(function (step) { return { prefix: step.prefix, found: lookup(step.key, term, step.prefix) }; })
      .filter(function (step) { return !isEmpty(step.found); });
    // most terms are found in one shard: its postings as they are (not changed by anyone)
    if (steps.length === 1 && !(byPinyin && steps[0].prefix)) return steps[0].found;
    var hits = {};
    steps.forEach(function (step) {
      keepBest(hits, step.found, 1);
      if (byPinyin && step.prefix) {
        for (var ref in step.found) byPinyin[ref] = true;
        filled.add(byPinyin);                       // step.found has cases (the steps above)
      }
    });
    return hits;
  }

  /* Whether a set of hits has none.  Hits are objects keyed by case number, which only ever gain keys: those
     known to have one are in `filled` (a for-in over an object of 100,000 numbered keys first lists them all). */
  var filled = new WeakSet();
  function isEmpty(object) {
    if (filled.has(object)) return false;
    for (var key in object) return false;
    return true;
  }

  /* Add `found`'s cases to `hits`, each with the better of its two scores (`found`'s × `weight`). */
  function keepBest(hits, found, weight) {
    for (var ref in found) {
      var score = found[ref] * weight;
      if (!(hits[ref] >= score)) hits[ref] = score;
    }
    if (ref !== undefined) filled.add(hits);
    return hits;
  }

  /* Cases (by number, newest first) matching every term, with summed scores; `byPinyin` collects, per
     term, the cases it found by pinyin. */
  function match(terms, byPinyin) {
    var scores = null;
    terms.forEach(function (term) {
      var pinyinHits = {};
      var hits = hitsOf(term, pinyinHits);
      if (isEmpty(hits)) {
        // nothing as typed: the input methods' slips first (yinyang → yingyang 营养, not yiyang 益阳), then any
        // one letter dropped, added, changed or swapped
        hits = slipped(term, current.slips);
        if (isEmpty(hits) && nearShards(term).length) hits = near(term);
        pinyinHits = hits;
        if (!isEmpty(hits)) current.near = true;
      }
      if (byPinyin) byPinyin[term] = pinyinHits;
      if (scores === null) { scores = hits; return; }
      var next = {};
      var both = 0;
      for (var i = 0; i < meta.count; i++) {
        if (scores[i] !== undefined && hits[i] !== undefined) { next[i] = scores[i] + hits[i]; both++; }
      }
      if (both) filled.add(next);
      scores = next;
    });
    return scores;
  }

  /* Where a case matches the query, by field: every word of the query as it stands in the title (TITLE_PHRASE),
     every term of each word in the title (TITLE_WORDS), in title, unit and place (PLACE), else in the text.
     The postings say where each term stands in each case, and where a title's bigrams are, so that a word of
     three characters or more is a phrase of the title when its bigrams follow one another there.  A pinyin word
     found by pinyin counts as PLACE: the pinyin index does not say which field it came from. */
  var TITLE_PHRASE = 3, TITLE_WORDS = 2, PLACE = 1, BODY = 0;
  function fieldOf(term, i) { return where[term] ? where[term].fields[i] || 0 : 0; }
  function inTitle(run, i) {
    if (run.length <= 2 || /^[a-z0-9]/.test(run)) return fieldOf(run, i) === TITLE;
    var starts = where[run.slice(0, 2)] && where[run.slice(0, 2)].at[i];
    return !!starts && starts.some(function (start) {
      for (var k = 1; k + 1 < run.length; k++) {
        var at = where[run.slice(k, k + 2)] && where[run.slice(k, k + 2)].at[i];
        if (!at || at.indexOf(start + k) < 0) return false;
      }
      return true;
    });
  }
  function standing(i, terms, runs, byPinyin) {
    var level = TITLE_PHRASE;
    runs.forEach(function (run) {
      if (!inTitle(run, i)) level = Math.min(level, TITLE_WORDS);
    });
    terms.forEach(function (term) {
      var field = fieldOf(term, i);
      if (field === TITLE) return;
      if (field === IN_PLACE || (byPinyin[term] && byPinyin[term][i])) level = Math.min(level, PLACE);
      else level = BODY;
    });
    return level;
  }

  /* When nothing matches: the longest parts of the query that find cases on their own, each with its count
     (营养餐厅 → 营养, 餐厅; 控烟 zzz → 控烟).  Their terms are among the query's, so their shards are loaded. */
  function partsThatMatch(runs) {
    var out = [];
    var wasNear = current.near;
    function tryPart(part) {
      if (out.length >= 4 || out.some(function (o) { return o.text.indexOf(part) >= 0; })) return;
      var count = Object.keys(match(queryTerms(part)) || {}).length;
      if (count) out.push({ text: part, count: count });
    }
    if (runs.length > 1) runs.forEach(tryPart);
    runs.forEach(function (run) {
      if (/^[a-z0-9]/.test(run)) return;
      for (var size = Math.min(run.length - 1, 12); size >= 2; size--) {
        for (var start = 0; start + size <= run.length; start++) tryPart(run.slice(start, start + size));
      }
    });
    current.near = wasNear;
    return out;
  }

  function showSuggestions(parts) {
    els.suggestions.textContent = "";
    parts.forEach(function (part) {
      var link = document.createElement("a");
      link.href = "?" + new URLSearchParams({ q: part.text }).toString();
      link.textContent = part.text + "（" + part.count + " 个案例）";
      els.suggestions.appendChild(link);
      els.suggestions.appendChild(document.createTextNode(" · "));
    });
    els.suggestions.hidden = parts.length === 0;
  }

  /* The query with one word of a synonym group put in place of another (慢病 → 慢性病), each once. */
  function expansions(text) {
    var query = normalize(text);
    var out = [];
    (meta.synonyms || []).forEach(function (group) {
      group.forEach(function (word) {
        if (query.indexOf(word) < 0) return;
        group.forEach(function (other) {
          if (other !== word && query.indexOf(other) < 0) out.push({ text: query.split(word).join(other), word: other });
        });
      });
    });
    return out.slice(0, 6);
  }

  function chosenCount(facets) {
    return Object.keys(facets).filter(function (name) { return facets[name]; }).length;
  }

  function selected() {
    var out = {};
    Object.keys(els.facets).forEach(function (name) { out[name] = els.facets[name].value; });
    return out;
  }

  /* Case i's cell of a facet as a list of value positions (a cell holds one, several, or none), from its chunk
     of facet cells (loaded by `needCells`). */
  function cellOf(i, facet) {
    var column = cells[Math.floor(i / meta.facetChunk)][facet.index];
    return column.cells[column.ids[i % meta.facetChunk]];
  }

  /* Load the facet cells of these cases. */
  function needCells(refs) {
    var chunks = {};
    refs.forEach(function (i) { chunks[Math.floor(i / meta.facetChunk)] = true; });
    return Promise.all(Object.keys(chunks).map(function (chunk) { return load("f" + chunk); }));
  }

  /* Position of a facet value given by id or by name (?region=吉林省 works too). */
  function indexOf(list, value) {
    for (var i = 0; i < list.length; i++) if (list[i].id === value || list[i].name === value) return i;
    return -2;
  }

  function search() {
    var mine = ++sequence;
    var started = performance.now();
    var text = els.q.value;
    var terms = queryTerms(text).slice(0, MAX_TERMS);
    var others = expansions(text).map(function (e) { return { terms: queryTerms(e.text).slice(0, MAX_TERMS), word: e.word }; });
    // the pinyin words of the query that the compendium writes in characters (yingyang → 营养): the characters'
    // search, which reaches the text too, is counted and offered; the words are marked where they stand
    var inHan = hanQuery(text);
    var hanTerms = inHan ? queryTerms(inHan.text).slice(0, MAX_TERMS) : [];
    var names = [];
    [terms, hanTerms].concat(others.map(function (o) { return o.terms; })).forEach(function (list) {
      list.forEach(function (term) { plan(term).forEach(function (s) { names.push(s.key); }); });
    });
    return Promise.all(names.map(load)).then(function () {
      // A pinyin word that found nothing is looked up again, near: load what that needs first.
      var more = [];
      terms.forEach(function (term) {
        if (isEmpty(hitsOf(term))) more = more.concat(slipShards(term), nearShards(term));
      });
      return Promise.all(more.map(load));
    }).then(function () {
      if (mine !== sequence) return;
      current.near = false;
      current.slips = [];
      var byPinyin = {};
      var scores = terms.length ? match(terms, byPinyin) : null;
      // Cases found only through a synonym come after those with the words typed (see the ranking below).
      var added = [];
      var expanded = {};
      var N = meta.count;
      if (scores) others.forEach(function (other) {
        var found = match(other.terms);
        var extra = false;
        for (var i = 0; i < N; i++) {
          if (found[i] === undefined || scores[i] !== undefined) continue;
          extra = true;
          expanded[i] = Math.max(expanded[i] || 0, found[i]);
        }
        if (extra && added.indexOf(other.word) < 0) added.push(other.word);
      });
      if (!isEmpty(expanded)) {
        scores = Object.assign({}, scores);  // not the postings' own object
        Object.keys(expanded).forEach(function (ref) { scores[ref] = expanded[ref]; });
      }
      var facets = selected();
      // the characters' search, counted with the same filters below: offered when it finds more
      var found = inHan && scores ? match(hanTerms) : null;
      // the cases to filter and count: those found (numbered newest first, as the files number them), or every one
      var refs = [];
      var alsoFound = [];                           // found by the characters' search only: counted for the offer
      for (var i = 0; i < N; i++) {
        if (!scores || scores[i] !== undefined) refs.push(i);
        else if (found && found[i] !== undefined) alsoFound.push(i);
      }
      var chosen = meta.facets.map(function (facet) { return indexOf(facet.values, facets[facet.name]); });
      var filtered = chosenCount(facets) > 0;
      // no words and no filter: meta.js's counts are the counts, no case's cells are needed
      return needCells(scores || filtered ? refs.concat(alsoFound) : []).then(function () {
        if (mine !== sequence) return;
        var hits = [];
        var counts = {};
        meta.facets.forEach(function (facet) { counts[facet.name] = new Int32Array(facet.values.length); });
        if (!scores && !filtered) {
          // every case, no filter: the counts over all cases are in meta.js
          hits = refs;
          meta.facets.forEach(function (facet) { counts[facet.name].set(facet.counts); });
        } else {
          var F = meta.facets.length;
          var tally = meta.facets.map(function (facet) { return counts[facet.name]; });
          var cellsOf = [];
          refs.forEach(function (i) {
            var chunk = cells[Math.floor(i / meta.facetChunk)];
            var at = i % meta.facetChunk;
            var failing = 0, only = -1;
            for (var f = 0; f < F; f++) {
              cellsOf[f] = chunk[f].cells[chunk[f].ids[at]];
              if (chosen[f] >= 0 && cellsOf[f].indexOf(chosen[f]) < 0) { failing++; only = f; }
            }
            if (failing === 0) hits.push(i);
            // a facet's counts follow the query and the other facets' choices
            if (failing > 1) return;
            for (f = 0; f < F; f++) {
              if (only >= 0 && only !== f) continue;
              for (var c = 0; c < cellsOf[f].length; c++) tally[f][cellsOf[f][c]]++;
            }
          });
        }
        return show(hits, counts);
      });

      /* Whether case i has every chosen facet value. */
      function passes(i) {
        for (var f = 0; f < chosen.length; f++) {
          if (chosen[f] >= 0 && cellOf(i, meta.facets[f]).indexOf(chosen[f]) < 0) return false;
        }
        return true;
      }

      function show(hits, counts) {
        var order = null;
        if (scores) {
          var rank = new Int8Array(N);
          var runs = runsOf(text);
          hits.forEach(function (i) { rank[i] = standing(i, terms, runs, byPinyin) - (i in expanded ? 10 : 0); });
          order = ranked(hits, rank, scores);
        }
        current = { hits: hits, order: order, shown: 0, terms: terms, runs: runsOf(text), added: added,
                    near: current.near, slips: current.slips, marks: inHan ? inHan.words : [] };
        var offer = null;
        if (found) {
          var more = 0;
          for (var i = 0; i < N; i++) if (found[i] !== undefined && passes(i)) more++;
          if (more > hits.length) offer = { text: inHan.text, count: more };
        }
        var byPinyinHits = Object.keys(byPinyin).some(function (term) { return !isEmpty(byPinyin[term]); });
        // Nothing found with the filters, something without them: offer that, with its count.
        var unfiltered = scores && chosenCount(facets) ? refs.length : 0;
        els.empty.hidden = hits.length > 0;
        els.unfiltered.hidden = !(hits.length === 0 && unfiltered > 0);
        if (!els.unfiltered.hidden) {
          var link = els.unfiltered.querySelector("a");
          link.textContent = "不限筛选条件（" + unfiltered + " 个案例）";
          link.href = "?" + new URLSearchParams({ q: text.trim() }).toString();
        }
        showSuggestions(scores && refs.length === 0 ? partsThatMatch(runsOf(text)) : []);
        updateFacets(counts);
        writeUrl(text, facets);
        els.chosen.textContent = filtered ? "（已选 " + chosenCount(facets) + " 项）" : "";
        els.results.textContent = "";
        return showMore().then(function () {
          if (mine !== sequence) return;
          // the status is written last: when it names the query, the results on screen are its results
          var what = text.trim() ? "“" + text.trim().slice(0, 40) + "”" : "全部案例";
          var also = current.added.length ? "（含同义词“" + current.added.join("”“") + "”）" : "";
          if (current.near) {
            also += current.slips.length ? "（按相近的拼音“" + current.slips.slice(0, 3).join("”“") + "”）" : "（按相近的拼音）";
          }
          if (byPinyinHits) also += "（拼音检索标题、单位、地区、主题和关键词）";
          els.status.textContent = hits.length ? what + "：找到 " + hits.length + " 个案例" + also
                                               : what + "：没有找到案例，请换个词或减少筛选条件";
          if (offer) {
            els.status.appendChild(document.createTextNode("。"));
            var offerLink = document.createElement("a");
            offerLink.className = "cc-finder__offer";
            var params = new URLSearchParams({ q: offer.text });
            Object.keys(facets).forEach(function (name) { if (facets[name]) params.set(name, facets[name]); });
            offerLink.href = "?" + params.toString();
            offerLink.textContent = "按“" + offer.text + "”检索：" + offer.count + " 个案例";
            els.status.appendChild(offerLink);
          }
          // how long this search took, loading included (read by the benchmark)
          root.setAttribute("data-search-ms", String(Math.round((performance.now() - started) * 10) / 10));
        });
      }
    }).catch(function (error) {
      els.status.textContent = "检索数据未能载入（" + error.message + "）。";
    });
  }

  /* The order of the results: by standing (rank, higher first); cases are numbered newest first, so among cases
     of equal standing in title, unit or place the newest comes first, and in the text the better match (lunr's
     score) does.  `hits` (in case order) is put in that order in place as far as it is shown: the function
     returned puts its first n in order.  A query that finds most of a library ranks ten of 100,000 cases, not
     all of them: the best by score are picked with a numeric sort of the scores, and sorted. */
  function ranked(hits, rank, scores) {
    var levels = {};
    hits.forEach(function (i) { (levels[rank[i]] || (levels[rank[i]] = [])).push(i); });
    var segments = [];
    var at = 0;
    Object.keys(levels).map(Number).sort(function (a, b) { return b - a; }).forEach(function (level) {
      var cases = levels[level];
      for (var k = 0; k < cases.length; k++) hits[at + k] = cases[k];
      if (level <= BODY) segments.push({ start: at, end: at + cases.length });
      at += cases.length;
    });
    function better(a, b) { return (scores[b] - scores[a]) || (a - b); }
    return function (n) {
      segments.forEach(function (segment) {
        var need = n - segment.start;
        var length = segment.end - segment.start;
        if (need <= 0 || length <= 1) return;
        var part = hits.slice(segment.start, segment.end);
        if (length <= 4 * need + 64) {
          part.sort(better);
          for (var k = 0; k < length; k++) hits[segment.start + k] = part[k];
          segment.start = segment.end;
          return;
        }
        var values = new Float64Array(length);
        for (k = 0; k < length; k++) values[k] = scores[part[k]];
        values.sort();
        var least = values[length - need];          // the need-th best score: those from it up come first
        var top = [], rest = [];
        part.forEach(function (i) { (scores[i] >= least ? top : rest).push(i); });
        top.sort(better);
        top.concat(rest).forEach(function (i, k) { hits[segment.start + k] = i; });
        segment.start += top.length;
      });
    };
  }

  // Results ------------------------------------------------------------------

  /* Show the next page of results: their lines once their chunk of result lines is in, then each snippet
     around the match as that case's text arrives, or its opening lines with no query. */
  function showMore() {
    if (current.order) current.order(current.shown + PAGE);
    var page = current.hits.slice(current.shown, current.shown + PAGE);
    var mine = sequence;
    var chunks = {};
    page.forEach(function (i) { chunks[Math.floor(i / meta.rowsPerChunk)] = true; });
    current.shown += page.length;
    var lines = Object.keys(chunks).map(function (chunk) { return load("r" + chunk); });
    // and the facet cells a result's line shows (the year, the collection)
    return Promise.all(lines.concat(needCells(page))).then(function () {
      if (mine !== sequence) return;
      page.forEach(function (i) {
        var item = resultItem(i);
        els.results.appendChild(item);
        var snippet = item.querySelector(".cc-finder__snippet");
        function fill(text) {
          if (mine !== sequence) return;
          snippet.textContent = "";
          appendMarked(snippet, snippetOf(text));
        }
        if (i in texts) return;
        var chunk = Math.floor(i / meta.headsPerChunk);
        if (current.terms.length) {
          load("x" + i).then(function () { fill(texts[i]); }, function () { /* the line stays */ });
        } else {
          load("h" + chunk).then(function () { fill(heads[chunk][i % meta.headsPerChunk]); }, function () {});
        }
      });
      els.more.hidden = current.shown >= current.hits.length;
    });
  }

  function resultItem(i) {
    var doc = rows[Math.floor(i / meta.rowsPerChunk)][i % meta.rowsPerChunk];
    var li = document.createElement("li");
    li.className = "cc-finder__hit";
    var link = document.createElement("a");
    link.href = SITE + doc[F.url];
    link.className = "cc-finder__title";
    appendMarked(link, doc[F.title]);
    var info = document.createElement("p");
    info.className = "cc-finder__meta";
    appendMarked(info, doc[F.unit]);
    var line = doc[F.place] ? " · " + doc[F.place] : "";
    // then the values of the facets shown on a result's line (the year, the collection)
    meta.facets.forEach(function (facet) {
      if (!facet.inResult) return;
      var names = cellOf(i, facet).map(function (k) { return facet.values[k].name; });
      if (names.length) line += " · " + names.join("、");
    });
    info.appendChild(document.createTextNode(line + " " + doc[F.number_label]));
    var snippet = document.createElement("p");
    snippet.className = "cc-finder__snippet";
    if (i in texts) appendMarked(snippet, snippetOf(texts[i]));
    li.appendChild(link);
    li.appendChild(info);
    li.appendChild(snippet);
    return li;
  }

  /* About 90 characters of text around the first match (or the opening). */
  function snippetOf(text) {
    var lower = fold(text);
    var at = -1;
    var candidates = current.runs.concat(current.terms);
    for (var k = 0; k < candidates.length && at < 0; k++) at = lower.indexOf(candidates[k]);
    var start = Math.max(0, at - 30);
    var piece = text.slice(start, start + 90).replace(/\s+/g, " ");
    return (start > 0 ? "…" : "") + piece + (start + 90 < text.length ? "…" : "");
  }

  /* Character by character NFKC and lower case, keeping positions (… would become three dots). */
  function fold(text) {
    var lower = text.toLowerCase();
    // most texts have no full-width letters or digits: lower case alone keeps them comparable
    if (lower.length === text.length && !/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/.test(text)) return lower;
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text[i].normalize("NFKC").toLowerCase();
      out += c.length === 1 ? c : text[i];
    }
    return out;
  }

  /* Append `text` to `parent`, wrapping each match of the query in <mark>. */
  function appendMarked(parent, text) {
    var lower = fold(text);
    var marked = new Array(text.length);
    current.runs.concat(current.terms, current.marks || []).forEach(function (term) {
      if (!term) return;
      for (var at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + 1)) {
        for (var k = at; k < at + term.length && k < marked.length; k++) marked[k] = true;
      }
    });
    var i = 0;
    while (i < text.length) {
      var j = i;
      while (j < text.length && !!marked[j] === !!marked[i]) j++;
      var piece = document.createTextNode(text.slice(i, j));
      if (marked[i]) {
        var mark = document.createElement("mark");
        mark.appendChild(piece);
        parent.appendChild(mark);
      } else {
        parent.appendChild(piece);
      }
      i = j;
    }
  }

  // Facets and the URL ----------------------------------------------------------

  /* One labelled select a facet, in the order of meta.facets: 全部… first, then its values (a tree's indented). */
  function fillFacets() {
    meta.facets.forEach(function (facet) {
      var label = document.createElement("label");
      label.appendChild(document.createTextNode(facet.label));
      var select = document.createElement("select");
      select.name = facet.name;
      var all = document.createElement("option");
      all.value = "";
      all.textContent = "全部" + facet.label;
      select.appendChild(all);
      label.appendChild(select);
      els.facetBox.appendChild(label);
      els.facets[facet.name] = select;
      addOptions(select, facet.values.map(function (v, i) {
        var indent = new Array((v.depth || 0) + 1).join("　");
        return { value: v.id, name: v.name, label: indent + v.name + (facet.suffix || ""), key: i };
      }));
    });
  }

  function addOptions(select, items) {
    items.forEach(function (item) {
      var option = document.createElement("option");
      option.value = item.value;
      option.setAttribute("data-key", item.key);
      option.setAttribute("data-label", item.label);
      option.setAttribute("data-name", item.name);
      option.textContent = item.label;
      select.appendChild(option);
    });
  }

  function updateFacets(counts) {
    Object.keys(els.facets).forEach(function (name) {
      var tally = counts[name];
      Array.prototype.forEach.call(els.facets[name].options, function (option) {
        if (!option.value) return;
        if (option.ccKey === undefined) {
          option.ccKey = Number(option.getAttribute("data-key"));
          option.ccLabel = option.getAttribute("data-label");
        }
        var n = tally[option.ccKey] || 0;
        // only what changed is written: a library's selects have thousands of options
        if (option.ccCount !== n) {
          option.ccCount = n;
          option.textContent = option.ccLabel + "（" + n + "）";
        }
        // a value no case of this search has is not offered: hidden (with 100,000 cases a list of zeros would
        // be most of the list), and disabled where a browser shows hidden options (Safari on iOS)
        var off = n === 0 && !option.selected;
        if (option.hidden !== off) option.disabled = option.hidden = off;
      });
    });
  }

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    els.q.value = params.get("q") || "";
    Object.keys(els.facets).forEach(function (name) {
      var value = params.get(name);
      if (!value) return;
      var select = els.facets[name];
      // ids and names are both accepted: ?region=jilin or ?region=吉林省
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) return;
        var name = option.getAttribute("data-name");
        if (option.value === value || name === value) select.value = option.value;
      });
    });
  }

  function writeUrl(text, facets) {
    var params = new URLSearchParams();
    if (text.trim()) params.set("q", text.trim());
    Object.keys(facets).forEach(function (name) { if (facets[name]) params.set(name, facets[name]); });
    var query = params.toString();
    try {
      history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
    } catch (e) {
      // some browsers refuse to change the URL of a file:// page; the search still works
    }
  }

  // Wiring ------------------------------------------------------------------------

  var timer = null;
  function later() {
    clearTimeout(timer);
    timer = setTimeout(search, 120);
  }

  // Data that arrived before this script (the page's loader starts meta.js early).
  queued.forEach(function (call) { window.__finder[call[0]].apply(null, call[1]); });

  // Start loading what the query in the URL needs while meta.js loads.
  queryTerms(new URLSearchParams(window.location.search).get("q") || "").slice(0, MAX_TERMS)
    .forEach(function (term) { plan(term).forEach(function (step) { load(step.key); }); });

  (meta ? Promise.resolve() : load("meta")).then(function () {
    if (meta.version !== DATA_VERSION) {
      throw new Error("检索数据是第 " + meta.version + " 版，本页只能读第 " + DATA_VERSION + " 版；请重新生成网站");
    }
    F = {};
    meta.docFields.forEach(function (name, i) { F[name] = i; });
    meta.facets.forEach(function (facet, k) { facet.index = k; });
    var pairs = meta.simplified || "";
    for (var i = 0; i + 1 < pairs.length; i += 2) simplified[pairs[i]] = pairs[i + 1];
    fillFacets();
    readUrl();
    els.q.addEventListener("input", later);
    Object.keys(els.facets).forEach(function (name) { els.facets[name].addEventListener("change", function () { search(); }); });
    els.form.addEventListener("submit", function (event) { event.preventDefault(); search(); });
    els.more.addEventListener("click", function () { showMore(); });
    return search();
  }).then(function () {
    // when the first results were on screen, in ms since navigation started (read by the benchmark)
    root.setAttribute("data-ready-ms", String(Math.round(performance.now())));
    // The filters stand open where there is room, from the frame after the first results: laying out selects
    // of a thousand options (a library's collections) takes longer than the results.  On a phone they open on
    // demand, the summary telling how many are chosen.
    return new Promise(function (resolve) {
      requestAnimationFrame(function () {
        setTimeout(function () {
          if (window.matchMedia("(min-width: 45em)").matches) els.filters.open = true;
          resolve();
        }, 0);
      });
    });
  }).then(function () {
    root.setAttribute("data-ready", "true");
  }).catch(function (error) {
    els.status.textContent = "检索数据未能载入（" + error.message + "）。";
  });
})();
