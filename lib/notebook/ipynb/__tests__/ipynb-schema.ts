// The official nbformat 4.5 JSON schema (draft-04), compiled once with ajv for the tests.
import Ajv from "ajv-draft-04";
import { readFileSync } from "node:fs";

const schema = JSON.parse(
  readFileSync(new URL("./nbformat-schema/nbformat.v4.5.schema.json", import.meta.url), "utf8"),
) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

/** Schema errors of a notebook, as readable lines (empty when valid). */
export function nbformatErrors(nb: unknown): string[] {
  return validate(nb) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
}

export function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
}
