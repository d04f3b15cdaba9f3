const fetch = require('node-fetch');

const keptnEndpoint = process.env.KEPTN_ENDPOINT;

function getProjects() {
  return fetch(`${keptnEndpoint}/controlPlane/v1/project`).then((response) => response.json());
}

module.exports = { getProjects };
