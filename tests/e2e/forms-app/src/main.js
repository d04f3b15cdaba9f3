import { metadataStatus, projectStatus } from './keptn-http.js';
import { projectsStatus, sequenceStatus } from './keptn-fetch.js';
import { serviceStatus, stageStatus } from './keptn-axios.js';
import { actionMetadataStatus, actionServiceStatus } from './keptn-http-client.js';
import { eventStatus, sequenceStateStatus, serviceResourceStatus, stagesStatus, uniformStatus } from './keptn-ky-superagent.js';

const statuses = {
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
};
console.log(JSON.stringify(statuses));
