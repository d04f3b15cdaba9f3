import { KeptnService } from './keptn-service.js';

const service = new KeptnService(process.env.KEPTN_API_URL ?? '', process.env.KEPTN_API_TOKEN);
const projects = await service.projectNames();
const context = await service.sendEvent('sh.keptn.event.test.triggered');
const asUser = process.env.USER_AUTHORIZATION === undefined ? [] : await service.projectNamesAs(process.env.USER_AUTHORIZATION);
const release = await service.latestRelease(process.env.RELEASE_FEED_URL ?? '');
console.log(JSON.stringify({ projects, context, asUser, release }));
