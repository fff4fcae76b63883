#!/usr/bin/env node
// Writes config/app.keytab: a FAKE keytab in the MIT keytab layout (version 0x0502, one entry) whose
// key bytes are pseudo-random from a fixed seed. It is binary like a real keytab, so the example
// exercises binary handling and the leak check, but it is no credential for anything.
const fs = require('fs');
const path = require('path');
const { createHash } = require('crypto');

function u16(n) {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}
function u32(n) {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}
function counted(s) {
  return Buffer.concat([u16(Buffer.byteLength(s)), Buffer.from(s)]);
}

const key = createHash('sha256').update('spark-tenancy fake keytab, not a credential').digest();
const entry = Buffer.concat([
  u16(2),
  counted('EXAMPLE.COM'),
  counted('my-project'),
  counted('spark.example.com'),
  u32(1),
  u32(1700000000),
  Buffer.from([1]),
  u16(18),
  u16(key.length),
  key,
]);
const keytab = Buffer.concat([Buffer.from([0x05, 0x02]), u32(entry.length), entry]);
const out = path.join(__dirname, '..', 'config', 'app.keytab');
fs.writeFileSync(out, keytab);
console.log(`wrote ${out} (${keytab.length} bytes)`);
