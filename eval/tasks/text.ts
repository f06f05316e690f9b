// Text mining: frequencies, regex extraction, log parsing.
import type { EvalTask } from "@/lib/eval/task";
import { answerHas, answerNames, fail, files, inputText, isFailure, ok, outputText, py, records, rng } from "./helpers";

const VOCAB = (
  "river stone light garden market winter lantern harbor signal orchard paper engine silver meadow thunder bridge " +
  "quiet ember valley window copper forest letter island mirror shadow"
).split(" ");
const STOP = ["the", "a", "of", "and", "to", "in", "is", "it", "was", "on", "with", "as", "by", "at"];

function article(): string {
  const r = rng(1313);
  const paras: string[] = [];
  for (let p = 0; p < 12; p++) {
    const sentences: string[] = [];
    for (let s = 0; s < 6; s++) {
      const words: string[] = [];
      for (let w = 0; w < r.int(6, 14); w++) {
        // Zipf-like: early vocabulary words are much more frequent.
        const word = r.next() < 0.35 ? r.pick(STOP) : VOCAB[Math.floor(VOCAB.length * r.next() ** 2.2)]!;
        words.push(w === 0 ? word[0]!.toUpperCase() + word.slice(1) : word);
      }
      sentences.push(`${words.join(" ")}${r.pick([".", ".", "!", "?", ";"])}`);
    }
    paras.push(sentences.join(" "));
  }
  return `${paras.join("\n\n")}\n`;
}

const wordFreq: EvalTask = {
  id: "text-word-frequency",
  category: "text",
  packages: [],
  prompt:
    "The data is at ./data/article.txt and ./data/stopwords.txt (one word per line). Count word frequencies in the article: lowercase it, take words as runs of letters a–z, " +
    "and ignore the stopwords. Save the 10 most frequent words to ./output/top_words.csv with columns word,count (ties broken alphabetically). What is the most frequent word?",
  files: () => files({ "data/article.txt": article(), "data/stopwords.txt": `${STOP.join("\n")}\n` }),
  reference: py`import csv, os, re
from collections import Counter
stop = set(open("data/stopwords.txt").read().split())
words = [w for w in re.findall(r"[a-z]+", open("data/article.txt").read().lower()) if w not in stop]
top = sorted(Counter(words).items(), key=lambda kv: (-kv[1], kv[0]))[:10]
os.makedirs("output", exist_ok=True)
with open("output/top_words.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["word", "count"])
    w.writerows(top)
print(top[0][0])`,
  check(input) {
    const stop = new Set(inputText(input, "data/stopwords.txt").split(/\s+/).filter(Boolean));
    const counts = new Map<string, number>();
    for (const w of inputText(input, "data/article.txt")
      .toLowerCase()
      .match(/[a-z]+/g) ?? [])
      if (!stop.has(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
    const want = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 10);
    const out = outputText(input, "output/top_words.csv");
    if (isFailure(out)) return out;
    const got = records(out).map((r) => `${r.word}:${r.count}`);
    if (got.join() !== want.map(([w, c]) => `${w}:${c}`).join())
      return fail(`top words ${got.join(" ")} != ${want.map(([w, c]) => `${w}:${c}`).join(" ")}`);
    return answerNames(input, want[0]![0]) ?? ok("word counts correct");
  },
};

function contacts(): string {
  const r = rng(1414);
  const users = ["alice", "bob.smith", "c_dupont", "dana-lee", "eve99", "frank", "grace.h", "heidi"];
  const domains = ["example.com", "mail.example.org", "uni.edu", "corp.co.uk"];
  const lines: string[] = [];
  for (let i = 0; i < 40; i++) {
    const email = `${r.pick(users)}@${r.pick(domains)}`;
    const shown = r.next() < 0.2 ? email.toUpperCase() : email;
    lines.push(
      r.pick([
        `Contact: ${shown}`,
        `<${shown}> wrote on Monday`,
        `cc ${shown}, thanks!`,
        `reach me at ${shown}.`,
        `Phone 555-01${r.int(10, 99)} (no email)`,
      ]),
    );
  }
  lines.push("not an email: foo@bar, @handle, user@.com");
  return `${lines.join("\n")}\n`;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

const emails: EvalTask = {
  id: "text-extract-emails",
  category: "text",
  packages: [],
  prompt:
    "The data is at ./data/contacts.txt, free text with email addresses in it. Extract every distinct email address (compare and write them in lowercase), sort them " +
    "alphabetically and save them one per line to ./output/emails.txt. How many distinct addresses are there?",
  files: () => files({ "data/contacts.txt": contacts() }),
  reference: py`import os, re
text = open("data/contacts.txt").read()
found = sorted({m.lower() for m in re.findall(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", text)})
os.makedirs("output", exist_ok=True)
open("output/emails.txt", "w").write("\n".join(found) + "\n")
print(len(found))`,
  check(input) {
    const want = [
      ...new Set((inputText(input, "data/contacts.txt").match(EMAIL) ?? []).map((e) => e.toLowerCase())),
    ].sort();
    const out = outputText(input, "output/emails.txt");
    if (isFailure(out)) return out;
    const got = out
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    if (got.join() !== want.join())
      return fail(`emails differ: got ${got.length} (${got.slice(0, 3).join(", ")}…), expected ${want.length}`);
    return answerHas(input, want.length) ?? ok(`${want.length} addresses`);
  },
};

function accessLog(): string {
  const r = rng(1515);
  const paths = ["/", "/index.html", "/api/items", "/api/items/7", "/login", "/static/app.js", "/favicon.ico"];
  const statuses = [200, 200, 200, 200, 304, 301, 404, 404, 500, 502, 403];
  const lines: string[] = [];
  for (let i = 0; i < 300; i++) {
    const ip = `10.0.${r.int(0, 9)}.${r.int(1, 254)}`;
    const min = String(i % 60).padStart(2, "0");
    lines.push(
      `${ip} - - [12/Mar/2024:10:${min}:${String(r.int(0, 59)).padStart(2, "0")} +0000] "${r.pick(["GET", "GET", "POST"])} ${r.pick(paths)} HTTP/1.1" ${r.pick(statuses)} ${r.int(0, 9000)}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

const logStatus: EvalTask = {
  id: "text-log-status-codes",
  category: "text",
  packages: [],
  prompt:
    "The data is at ./data/access.log, a web server log in Common Log Format. Count the requests per HTTP status code and save the counts to ./output/status_counts.json " +
    "as an object mapping the status code (as a string) to its count. How many requests ended with a 5xx server error?",
  files: () => files({ "data/access.log": accessLog() }),
  reference: py`import json, os, re
from collections import Counter
counts = Counter()
for line in open("data/access.log"):
    m = re.search(r'"\s(\d{3})\s', line)
    if m:
        counts[m.group(1)] += 1
os.makedirs("output", exist_ok=True)
json.dump(dict(sorted(counts.items())), open("output/status_counts.json", "w"), indent=1)
print(sum(c for s, c in counts.items() if s.startswith("5")))`,
  check(input) {
    const counts: Record<string, number> = {};
    for (const line of inputText(input, "data/access.log").split("\n")) {
      const m = /" (\d{3}) /.exec(line);
      if (m) counts[m[1]!] = (counts[m[1]!] ?? 0) + 1;
    }
    const out = outputText(input, "output/status_counts.json");
    if (isFailure(out)) return out;
    const got = JSON.parse(out) as Record<string, number>;
    for (const [k, v] of Object.entries(counts))
      if (Number(got[k]) !== v) return fail(`status ${k}: expected ${v}, got ${got[k]}`);
    if (Object.keys(got).length !== Object.keys(counts).length)
      return fail(`unexpected keys: ${Object.keys(got).join(",")}`);
    const server = Object.entries(counts)
      .filter(([k]) => k.startsWith("5"))
      .reduce((a, [, v]) => a + v, 0);
    return answerHas(input, server) ?? ok(`${server} server errors`);
  },
};

function story(): string {
  const r = rng(1616);
  const lines: string[] = [];
  for (let i = 0; i < 25; i++) {
    const n = r.int(0, 12);
    lines.push(
      Array.from({ length: n }, () => r.pick([...VOCAB, "naïve", "café", "élan", "—", "it's"])).join(
        r.pick([" ", "  ", "\t"]),
      ),
    );
  }
  return `${lines.join("\n")}\n`;
}

const wordCount: EvalTask = {
  id: "text-wc",
  category: "text",
  packages: [],
  prompt:
    "The data is at ./data/story.txt (UTF-8). Count its lines (newline characters), words (runs of non-whitespace) and characters (Unicode characters, not bytes), like wc -l -w -m, " +
    'and save {"lines": …, "words": …, "chars": …} to ./output/wc.json. How many words are there?',
  files: () => files({ "data/story.txt": story() }),
  reference: py`import json, os
text = open("data/story.txt", encoding="utf-8").read()
result = {"lines": text.count("\n"), "words": len(text.split()), "chars": len(text)}
os.makedirs("output", exist_ok=True)
json.dump(result, open("output/wc.json", "w"))
print(result["words"])`,
  check(input) {
    const text = inputText(input, "data/story.txt");
    const want = {
      lines: (text.match(/\n/g) ?? []).length,
      words: text.split(/\s+/).filter(Boolean).length,
      chars: [...text].length,
    };
    const out = outputText(input, "output/wc.json");
    if (isFailure(out)) return out;
    const got = JSON.parse(out) as Record<string, number>;
    for (const k of ["lines", "words", "chars"] as const)
      if (Number(got[k]) !== want[k]) return fail(`${k}: expected ${want[k]}, got ${got[k]}`);
    return answerHas(input, want.words) ?? ok("counts correct");
  },
};

function notes(): string {
  const r = rng(1717);
  const lines: string[] = [];
  for (let i = 0; i < 30; i++) {
    const y = r.int(2019, 2024);
    const m = r.int(1, 12);
    const d = r.int(1, 28);
    const iso = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
    const eu = `${String(d).padStart(2, "0")}.${String(m).padStart(2, "0")}.${y}`;
    lines.push(
      r.pick([
        `Meeting moved to ${iso}.`,
        `Invoice dated ${eu} is overdue`,
        `Deadline ${iso}; review on ${eu}`,
        `No date in this line, only version 2.10.3`,
      ]),
    );
  }
  return `${lines.join("\n")}\n`;
}

const extractDates: EvalTask = {
  id: "text-extract-dates",
  category: "text",
  packages: [],
  prompt:
    "The data is at ./data/notes.txt. It mentions dates written as YYYY-MM-DD or DD.MM.YYYY. Extract all of them, convert to YYYY-MM-DD, drop duplicates, sort ascending and save " +
    "one per line to ./output/dates.txt. What is the earliest date?",
  files: () => files({ "data/notes.txt": notes() }),
  reference: py`import os, re
text = open("data/notes.txt").read()
dates = set(re.findall(r"\b(\d{4}-\d{2}-\d{2})\b", text))
dates |= {f"{y}-{m}-{d}" for d, m, y in re.findall(r"\b(\d{2})\.(\d{2})\.(\d{4})\b", text)}
dates = sorted(dates)
os.makedirs("output", exist_ok=True)
open("output/dates.txt", "w").write("\n".join(dates) + "\n")
print(dates[0])`,
  check(input) {
    const text = inputText(input, "data/notes.txt");
    const set = new Set<string>();
    for (const m of text.matchAll(/\b(\d{4}-\d{2}-\d{2})\b/g)) set.add(m[1]!);
    for (const m of text.matchAll(/\b(\d{2})\.(\d{2})\.(\d{4})\b/g)) set.add(`${m[3]}-${m[2]}-${m[1]}`);
    const want = [...set].sort();
    const out = outputText(input, "output/dates.txt");
    if (isFailure(out)) return out;
    const got = out
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    if (got.join() !== want.join())
      return fail(`dates differ: got ${got.length}, expected ${want.length} (first ${want[0]})`);
    return input.finalText.includes(want[0]!)
      ? ok(`${want.length} dates`)
      : fail(`the final answer does not give the earliest date ${want[0]}`);
  },
};

const WORDS = [
  "listen",
  "silent",
  "enlist",
  "google",
  "inlets",
  "banana",
  "Tinsel",
  "stone",
  "tones",
  "notes",
  "onset",
  "apple",
  "pale",
  "leap",
  "plea",
  "peal",
  "angel",
  "glean",
  "Angle",
  "rat",
  "tar",
  "art",
  "star",
  "tars",
  "arts",
  "solo",
  "loop",
  "pool",
  "polo",
  "evil",
  "vile",
  "live",
  "veil",
  "unique",
];

const anagrams: EvalTask = {
  id: "text-anagram-groups",
  category: "text",
  packages: [],
  prompt:
    "The data is at ./data/words.txt, one word per line. Group the words that are anagrams of each other (ignoring case). Save the groups with at least two words to " +
    "./output/anagrams.json as a list of lists: words lowercased, each group sorted alphabetically, groups sorted by their first word. How many groups are there?",
  files: () => files({ "data/words.txt": `${WORDS.join("\n")}\n` }),
  reference: py`import json, os
from collections import defaultdict
groups = defaultdict(set)
for w in open("data/words.txt").read().split():
    groups["".join(sorted(w.lower()))].add(w.lower())
result = sorted(sorted(g) for g in groups.values() if len(g) >= 2)
os.makedirs("output", exist_ok=True)
json.dump(result, open("output/anagrams.json", "w"))
print(len(result))`,
  check(input) {
    const groups = new Map<string, Set<string>>();
    for (const w of inputText(input, "data/words.txt").split(/\s+/).filter(Boolean)) {
      const key = [...w.toLowerCase()].sort().join("");
      groups.set(key, (groups.get(key) ?? new Set()).add(w.toLowerCase()));
    }
    const want = [...groups.values()]
      .filter((g) => g.size >= 2)
      .map((g) => [...g].sort())
      .sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
    const out = outputText(input, "output/anagrams.json");
    if (isFailure(out)) return out;
    if (JSON.stringify(JSON.parse(out)) !== JSON.stringify(want))
      return fail(`groups differ: got ${out.slice(0, 120)}`);
    return answerHas(input, want.length) ?? ok(`${want.length} groups`);
  },
};

export const TEXT_TASKS = [wordFreq, emails, logStatus, wordCount, extractDates, anagrams];
