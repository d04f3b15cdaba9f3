import axios, { type AxiosInstance } from 'axios';
import { oauthClientFromEnv } from 'cloud-automation-oauth';

export class KeptnClient {
  private readonly http: AxiosInstance;

  constructor(endpoint: string) {
    this.http = oauthClientFromEnv().attachToAxios(axios.create({ baseURL: `${endpoint}/api`, timeout: 10_000 }));
  }

  async projects(): Promise<unknown> {
    const { data } = await this.http.get('/controlPlane/v1/project');
    return data;
  }

  async services(project: string, stage: string): Promise<unknown> {
    const { data } = await this.http.get(`/controlPlane/v1/project/${project}/stage/${stage}/service`);
    return data;
  }
}
