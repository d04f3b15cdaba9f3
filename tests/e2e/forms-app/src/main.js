import { metadataStatus, projectStatus, sendEvent, stages } from './keptn-http.js';
import { projectsStatus, sequenceStatus } from './keptn-fetch.js';
import { serviceStatus, stageStatus } from './keptn-axios.js';
import { actionMetadataStatus, actionServiceStatus, actionStagesStatus, actionTriggeredStatus } from './keptn-http-client.js';
import { eventStatus, sequenceStateStatus, serviceResourceStatus, stagesStatus, uniformStatus } from './keptn-ky-superagent.js';
import { restMetadataStatus, restServicesStatus, restStagesStatus } from './keptn-rest-client.js';
import { gotMetadataStatus, gotProjectStatus, taggedOptions } from './keptn-got.js';
import { serviceNames, triggerEvent } from './keptn-request.js';

/** A callback-style call as a status, or the name of the error its callback got. */
const viaCallback = (call) => new Promise((resolve) => call((error, status) => resolve(error ? `error: ${error.name}` : status)));

const callbackStatuses = {
  eventCallback: await viaCallback((done) => {
    const event = { type: 'sh.keptn.event.dev.delivery.triggered', source: 'forms-app-callback', data: { project: 'sockshop' } };
    sendEvent(event, done);
    // Reused by the caller once sent: the request must carry the event as it was at the call.
    event.source = 'changed after the call';
  }),
  stagesCallback: await viaCallback((done) => stages('sockshop', done)),
  requestServices: await viaCallback((done) => serviceNames('sockshop', 'dev', done)),
  requestEvent: await viaCallback((done) => {
    const event = { type: 'sh.keptn.event.dev.delivery.triggered', source: 'forms-app-request', data: { project: 'sockshop' } };
    triggerEvent(event, done);
    event.source = 'changed after the call';
  }),
};

// Only the callback calls, which report a failure instead of throwing it.
if (process.env.FORMS_APP_ONLY_CALLBACKS === '1') {
  console.log(JSON.stringify(callbackStatuses));
  process.exit(0);
}

const statuses = {
  ...callbackStatuses,
  metadata: await metadataStatus(),
  project: await projectStatus('sockshop'),
  sequence: await sequenceStatus('sockshop'),
  projects: await projectsStatus(),
  stage: await stageStatus('sockshop'),
  service: await serviceStatus('sockshop', 'dev'),
  resources: await serviceResourceStatus('sockshop'),
  event: await eventStatus('sockshop'),
  sequenceState: await sequenceStateStatus('sockshop'),
  kyStages: await stagesStatus('sockshop'),
  kyUniform: await uniformStatus(),
  actionMetadata: await actionMetadataStatus(),
  actionService: await actionServiceStatus('sockshop', 'dev'),
  actionStages: await actionStagesStatus('sockshop'),
  actionTriggered: await actionTriggeredStatus('sh.keptn.event.deployment.triggered'),
  gotMetadata: await gotMetadataStatus(taggedOptions),
  gotProject: await gotProjectStatus('sockshop'),
  restMetadata: await restMetadataStatus(),
  restStages: await restStagesStatus('sockshop'),
  restServices: await restServicesStatus('sockshop', 'dev'),
};
console.log(JSON.stringify(statuses));
