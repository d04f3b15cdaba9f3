const { oauthClientFromEnv } = require('cloud-automation-oauth');

const keptnEndpoint = process.env.KEPTN_ENDPOINT;

function getProjects() {
  return oauthClientFromEnv().fetch(`${keptnEndpoint}/controlPlane/v1/project`).then((response) => response.json());
}

module.exports = { getProjects };
