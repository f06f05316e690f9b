// The size of one stored part of a file (docs/adr/0005): File.bytes holds the first, FileChunk rows
// the rest. Big enough that a 50 MB file is 50 inserts, small enough that ten uploads at once hold
// a few MB between them. The agent's and preview's heads are far smaller, so they read one row.
export const FILE_CHUNK_BYTES = 1024 * 1024;
