import { startTestApp } from '/work/wt-pages/test/support/app.js';
const t = await startTestApp('sqlite');
const doc = JSON.parse((await t.app.inject({ url: '/api/openapi.json' })).body);
const op = doc.paths['/api/v1/spaces/{spaceId}/reassurance-requests'].get;
console.log(JSON.stringify(op.parameters.map((p: any) => p.name)), JSON.stringify(op.responses['200'].content['application/json'].schema.properties.next));
await t.close();
