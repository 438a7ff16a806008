import { analyzeMessage } from './src/core/coach/index.js';
for (const t of process.argv.slice(2)) console.log(JSON.stringify(analyzeMessage(t).findings.map(f=>f.type+':'+f.excerpt)), t);
