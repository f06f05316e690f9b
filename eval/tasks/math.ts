// Math with exact answers (big integers, fractions).
import type { EvalTask } from "@/lib/eval/task";
import { answerHas, fail, files, inputText, isFailure, ok, outputText, py, rng } from "./helpers";

/** The final answer contains the exact integer (digits may be grouped with commas). */
function answerHasBig(finalText: string, n: bigint): boolean {
  const digits = finalText.replace(/(\d),(?=\d{3})/g, "$1");
  return new RegExp(`(^|[^\\d])${n.toString()}([^\\d]|$)`).test(digits);
}

const primeSum: EvalTask = {
  id: "math-prime-sum",
  category: "math",
  packages: [],
  prompt:
    "The data is at ./data/limit.txt, which holds one integer N. Compute the exact sum of all primes below N, write it to ./output/answer.txt and tell me the sum.",
  files: () => files({ "data/limit.txt": "250000\n" }),
  reference: py`import os
n = int(open("data/limit.txt").read())
sieve = bytearray([1]) * n
sieve[0:2] = b"\x00\x00"
for i in range(2, int(n ** 0.5) + 1):
    if sieve[i]:
        sieve[i * i::i] = bytearray(len(range(i * i, n, i)))
total = sum(i for i in range(n) if sieve[i])
os.makedirs("output", exist_ok=True)
open("output/answer.txt", "w").write(str(total))
print(total)`,
  check(input) {
    const n = Number(inputText(input, "data/limit.txt").trim());
    const sieve = new Uint8Array(n).fill(1);
    sieve[0] = sieve[1] = 0;
    for (let i = 2; i * i < n; i++) if (sieve[i]) for (let j = i * i; j < n; j += i) sieve[j] = 0;
    let sum = 0n;
    for (let i = 2; i < n; i++) if (sieve[i]) sum += BigInt(i);
    const out = outputText(input, "output/answer.txt");
    if (isFailure(out)) return out;
    if (out.trim() !== sum.toString()) return fail(`answer.txt holds ${out.trim()}, expected ${sum}`);
    return answerHasBig(input.finalText, sum) ? ok(`sum = ${sum}`) : fail(`the final answer does not state ${sum}`);
  },
};

const fibonacci: EvalTask = {
  id: "math-big-fibonacci",
  category: "math",
  packages: [],
  prompt:
    "The data is at ./data/n.txt, which holds one integer n. With F(0) = 0 and F(1) = 1, compute F(n) exactly, write its decimal digits to ./output/fib.txt, and tell me how many digits it has.",
  files: () => files({ "data/n.txt": "1000\n" }),
  reference: py`import os
n = int(open("data/n.txt").read())
a, b = 0, 1
for _ in range(n):
    a, b = b, a + b
os.makedirs("output", exist_ok=True)
open("output/fib.txt", "w").write(str(a))
print(len(str(a)))`,
  check(input) {
    const n = Number(inputText(input, "data/n.txt").trim());
    let a = 0n,
      b = 1n;
    for (let i = 0; i < n; i++) [a, b] = [b, a + b];
    const out = outputText(input, "output/fib.txt");
    if (isFailure(out)) return out;
    if (out.trim() !== a.toString())
      return fail(
        `fib.txt is not F(${n}) (starts ${out.trim().slice(0, 12)}…, expected ${a.toString().slice(0, 12)}…)`,
      );
    return answerHas(input, a.toString().length) ?? ok(`F(${n}) has ${a.toString().length} digits`);
  },
};

// ---- exact linear system: Fractions in BigInt
type Frac = [bigint, bigint];
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const norm = ([n, d]: Frac): Frac => {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d) || 1n;
  return [n / g, d / g];
};
const sub = (a: Frac, b: Frac): Frac => norm([a[0] * b[1] - b[0] * a[1], a[1] * b[1]]);
const mul = (a: Frac, b: Frac): Frac => norm([a[0] * b[0], a[1] * b[1]]);
const div = (a: Frac, b: Frac): Frac => norm([a[0] * b[1], a[1] * b[0]]);

function solveExact(A: number[][], bv: number[]): Frac[] {
  const m: Frac[][] = A.map((row, i) => [...row.map((x): Frac => [BigInt(x), 1n]), [BigInt(bv[i]!), 1n]]);
  const n = A.length;
  for (let c = 0; c < n; c++) {
    const p = m.findIndex((row, r) => r >= c && row[c]![0] !== 0n);
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = div(m[r]![c]!, m[c]![c]!);
      m[r] = m[r]!.map((x, k) => sub(x, mul(f, m[c]![k]!)));
    }
  }
  return m.map((row, i) => div(row[n]!, row[i]!));
}

function system() {
  const r = rng(1818);
  for (;;) {
    const A = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => r.int(-9, 9)));
    const b = Array.from({ length: 4 }, () => r.int(-20, 20));
    try {
      const x = solveExact(A, b);
      if (x.some(([, d]) => d !== 1n)) return { A, b };
    } catch {
      // singular: draw again
    }
  }
}

const linearSystem: EvalTask = {
  id: "math-exact-linear-system",
  category: "math",
  packages: [],
  prompt:
    'The data is at ./data/system.json: {"A": 4×4 integer matrix, "b": 4 integers}. Solve A·x = b exactly (as fractions, no floating point). Save ./output/solution.json as a list ' +
    'of 4 strings in lowest terms like "-7/3" (or "5" for integers). What is x[0]?',
  files: () => files({ "data/system.json": JSON.stringify(system()) }),
  reference: py`import json, os
from fractions import Fraction
s = json.load(open("data/system.json"))
n = len(s["b"])
m = [[Fraction(v) for v in row] + [Fraction(s["b"][i])] for i, row in enumerate(s["A"])]
for c in range(n):
    p = next(r for r in range(c, n) if m[r][c] != 0)
    m[c], m[p] = m[p], m[c]
    for r in range(n):
        if r != c:
            f = m[r][c] / m[c][c]
            m[r] = [x - f * y for x, y in zip(m[r], m[c])]
x = [m[i][n] / m[i][i] for i in range(n)]
os.makedirs("output", exist_ok=True)
json.dump([str(v) for v in x], open("output/solution.json", "w"))
print(x[0])`,
  check(input) {
    const s = JSON.parse(inputText(input, "data/system.json")) as { A: number[][]; b: number[] };
    const want = solveExact(s.A, s.b).map(([n, d]) => (d === 1n ? `${n}` : `${n}/${d}`));
    const out = outputText(input, "output/solution.json");
    if (isFailure(out)) return out;
    const got = JSON.parse(out) as unknown[];
    if (JSON.stringify(got.map(String)) !== JSON.stringify(want))
      return fail(`solution ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
    return input.finalText.includes(want[0]!)
      ? ok(`x = ${want.join(", ")}`)
      : fail(`the final answer does not state x[0] = ${want[0]}`);
  },
};

const binomial: EvalTask = {
  id: "math-binomial",
  category: "math",
  packages: [],
  prompt:
    'The data is at ./data/params.json ({"n": …, "k": …}). How many distinct ways are there to choose k items out of n? Give the exact integer, and also write it to ./output/answer.txt.',
  files: () => files({ "data/params.json": JSON.stringify({ n: 90, k: 41 }) }),
  reference: py`import json, math, os
p = json.load(open("data/params.json"))
c = math.comb(p["n"], p["k"])
os.makedirs("output", exist_ok=True)
open("output/answer.txt", "w").write(str(c))
print(c)`,
  check(input) {
    const { n, k } = JSON.parse(inputText(input, "data/params.json")) as { n: number; k: number };
    let c = 1n;
    for (let i = 1; i <= k; i++) c = (c * BigInt(n - k + i)) / BigInt(i);
    const out = outputText(input, "output/answer.txt");
    if (isFailure(out)) return out;
    if (out.trim() !== c.toString()) return fail(`answer.txt holds ${out.trim()}, expected ${c}`);
    return answerHasBig(input.finalText, c) ? ok(`C(${n},${k}) = ${c}`) : fail(`the final answer does not state ${c}`);
  },
};

const NUMBERS = [2520, 3960, 1848, 6930, 4620, 1386, 9240, 2772, 5544, 3080, 13860, 1980];

const gcdLcm: EvalTask = {
  id: "math-gcd-lcm",
  category: "math",
  packages: [],
  prompt:
    'The data is at ./data/numbers.txt, one positive integer per line. Compute the greatest common divisor and the least common multiple of all of them, save {"gcd": …, "lcm": …} ' +
    "to ./output/result.json, and tell me both.",
  files: () => files({ "data/numbers.txt": `${NUMBERS.join("\n")}\n` }),
  reference: py`import json, math, os
nums = [int(x) for x in open("data/numbers.txt").read().split()]
g, l = math.gcd(*nums), math.lcm(*nums)
os.makedirs("output", exist_ok=True)
json.dump({"gcd": g, "lcm": l}, open("output/result.json", "w"))
print(f"gcd {g}, lcm {l}")`,
  check(input) {
    const nums = inputText(input, "data/numbers.txt").split(/\s+/).filter(Boolean).map(BigInt);
    const g = nums.reduce((a, b) => gcd(a, b));
    const l = nums.reduce((a, b) => (a * b) / gcd(a, b));
    const out = outputText(input, "output/result.json");
    if (isFailure(out)) return out;
    const m = /"gcd"\s*:\s*(\d+)[\s\S]*"lcm"\s*:\s*(\d+)|"lcm"\s*:\s*(\d+)[\s\S]*"gcd"\s*:\s*(\d+)/.exec(out);
    const [gg, ll] = m ? (m[1] ? [m[1], m[2]] : [m[4], m[3]]) : [null, null];
    if (gg !== g.toString() || ll !== l.toString()) return fail(`result.json ${out.trim()} != gcd ${g}, lcm ${l}`);
    return answerHasBig(input.finalText, g) && answerHasBig(input.finalText, l)
      ? ok(`gcd ${g}, lcm ${l}`)
      : fail(`the final answer does not state gcd ${g} and lcm ${l}`);
  },
};

const collatz: EvalTask = {
  id: "math-collatz",
  category: "math",
  packages: [],
  prompt:
    "The data is at ./data/limit.txt (one integer N). Among the starting numbers 1 ≤ n < N, which one produces the longest Collatz sequence (n → n/2 if even, 3n+1 if odd, until 1)? " +
    'Save {"start": n, "length": number of terms including n and 1} to ./output/collatz.json and tell me the starting number.',
  files: () => files({ "data/limit.txt": "300000\n" }),
  reference: py`import json, os
N = int(open("data/limit.txt").read())
cache = {1: 1}
def length(n):
    path = []
    while n not in cache:
        path.append(n)
        n = n // 2 if n % 2 == 0 else 3 * n + 1
    k = cache[n]
    for m in reversed(path):
        k += 1
        cache[m] = k
    return k
best = max(range(1, N), key=length)
os.makedirs("output", exist_ok=True)
json.dump({"start": best, "length": cache[best]}, open("output/collatz.json", "w"))
print(best)`,
  check(input) {
    const N = Number(inputText(input, "data/limit.txt").trim());
    const cache = new Int32Array(N);
    cache[1] = 1;
    let best = 1,
      bestLen = 1;
    for (let s = 2; s < N; s++) {
      let n = s,
        steps = 0;
      while (n >= N || cache[n] === 0) {
        n = n % 2 === 0 ? n / 2 : 3 * n + 1;
        steps++;
      }
      const len = steps + cache[n]!;
      cache[s] = len;
      if (len > bestLen) {
        best = s;
        bestLen = len;
      }
    }
    const out = outputText(input, "output/collatz.json");
    if (isFailure(out)) return out;
    const got = JSON.parse(out) as { start?: number; length?: number };
    if (got.start !== best || got.length !== bestLen)
      return fail(`collatz.json ${out.trim()} != start ${best}, length ${bestLen}`);
    return answerHas(input, best) ?? ok(`start ${best}, ${bestLen} terms`);
  },
};

export const MATH_TASKS = [primeSum, fibonacci, linearSystem, binomial, gcdLcm, collatz];
