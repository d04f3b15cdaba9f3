import { hostname } from 'node:os';
import { controlPlaneFromEnv } from './control-plane.js';
import { checkToken, sendEvent } from './events.js';
import { registerIntegration } from './uniform.js';

const PROJECT = process.env.KEPTN_PROJECT ?? 'podtato-head';
const SERVICE = process.env.KEPTN_SERVICE ?? 'helloservice';
const IMAGE = process.env.IMAGE ?? 'ghcr.io/podtato-head/podtato-server:v0.3.2';
const TASK = 'sh.keptn.event.deployment.triggered';

/**
 * One pass of the integration: register, acknowledge the deployments Keptn is waiting for,
 * then start the delivery of a new image. A real service would loop; the demo and the
 * tests want exactly one pass.
 */
export async function runOnce(log: (line: string) => void = console.log, verifyToken = false): Promise<void> {
  if (verifyToken && !(await checkToken())) {
    throw new Error('Cloud Automation rejected the credentials');
  }
  const integrationId = await registerIntegration({
    name: 'legacy-deployer',
    metadata: {
      hostname: hostname(),
      integrationversion: '1.0.0',
      distributorversion: '1.0.0',
      location: 'remote-execution-plane',
      kubernetesmetadata: { namespace: 'default' },
    },
    subscriptions: [{ event: TASK, filter: { projects: [PROJECT] } }],
  });
  log(`registered integration ${integrationId || '(the answer held no id)'}`);

  const controlPlane = controlPlaneFromEnv();
  const projects = await controlPlane.listProjects();
  log(`projects: ${projects.map((project) => project.projectName).join(', ') || '(none)'}`);

  const triggered = await controlPlane.getTriggeredEvents(TASK, PROJECT);
  log(`triggered ${TASK} events: ${triggered.length}`);

  const first = triggered[0];
  if (first) {
    const { keptnContext } = await sendEvent({
      type: 'sh.keptn.event.deployment.started',
      source: 'legacy-deployer',
      specversion: '1.0',
      shkeptncontext: first.shkeptncontext,
      data: { project: PROJECT, triggeredid: first.id },
    });
    log(`acknowledged ${first.id} in context ${keptnContext}`);
  }

  const delivery = await sendEvent({
    type: 'sh.keptn.event.dev.delivery.triggered',
    source: 'legacy-deployer',
    specversion: '1.0',
    data: { project: PROJECT, stage: 'dev', service: SERVICE, configurationChange: { values: { image: IMAGE } } },
  });
  log(`delivery of ${IMAGE} started in context ${delivery.keptnContext}`);
}

// `--check-token` first asks Keptn whether the API token is still valid (the old /v1/auth habit).
runOnce(console.log, process.argv.includes('--check-token')).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
