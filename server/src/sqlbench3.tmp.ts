import { openDatabase } from './storage/sqlite/openDatabase';
import { mkdtempSync } from 'node:fs';
const db = openDatabase(mkdtempSync('/tmp/sqlb-'));
for (const p of (process.env.PRAGMAS ?? '').split(';').filter(Boolean)) db.pragma(p);
const ids = Array.from({length:10},(_,i)=>'doc'+i);
for (const id of ids) db.prepare('INSERT INTO documents (id, created_at, updated_at, snapshot, snapshot_seq) VALUES (?,?,?,?,0)').run(id,1,1,Buffer.alloc(8000,7));
const ensure = db.prepare('INSERT INTO documents (id, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT(id) DO NOTHING');
const ins = db.prepare('INSERT INTO document_updates (document_id, data) VALUES (?, ?)');
const touch = db.prepare('UPDATE documents SET updated_at = ? WHERE id = ?');
const buf = Buffer.alloc(60,3);
const tx = db.transaction((id:string)=>{ensure.run(id,1,1); ins.run(id,buf); touch.run(Date.now(),id);});
for (let r=0;r<3;r++){ const n=20000; const t0=process.cpuUsage();
  for (let i=0;i<n;i++) tx(ids[i%10]!);
  const c=process.cpuUsage(t0); console.log(process.env.PRAGMAS ?? 'default', ((c.user+c.system)/n).toFixed(1),'µs', 'user', (c.user/n).toFixed(1)); }
