import { App, Chart, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as fs from 'fs';
import { validateDocuments, formatViolation } from './src/validate';
const app = new App({ outdir: '/tmp/plus-out' });
const chart = new Chart(app, 'team-a', { namespace: 'team-a' });
const cm = new kplus.ConfigMap(chart, 'conf', { data: { 'a.conf': 'x' } });
const sa = new kplus.ServiceAccount(chart, 'sa');
const d = new kplus.Deployment(chart, 'engine', {
  serviceAccount: sa,
  securityContext: { ensureNonRoot: true, user: 185, group: 185, fsGroup: 185 },
  containers: [{ image: 'example/spark:3.5', portNumber: 8011, securityContext: { user: 185, group: 185, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true }, envVariables: { A: kplus.EnvValue.fromValue('x') } }],
});
d.addVolume(kplus.Volume.fromConfigMap(chart, 'v', cm));
d.exposeViaService({ name: 'engine' });
const role = new kplus.Role(chart, 'role');
role.allowRead(kplus.ApiResource.PODS);
new kplus.RoleBinding(chart, 'rb', { role }).addSubjects(sa);
new kplus.Job(chart, 'job', { containers: [{ image: 'x' }], securityContext: { ensureNonRoot: true, user: 185 } });
new kplus.CronJob(chart, 'cron', { schedule: (require('cdk8s').Cron).daily(), containers: [{ image: 'x' }] });
const docs = chart.toJson();
fs.writeFileSync('/tmp/plus.yaml', Yaml.stringify(...docs));
for (const v of validateDocuments('plus.yaml', docs)) console.log(formatViolation(v));
