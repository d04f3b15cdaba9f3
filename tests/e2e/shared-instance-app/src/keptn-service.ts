import axios, { type AxiosInstance } from 'axios';

/**
 * One axios instance for everything this backend fetches, as the Keptn Bridge server does:
 * the API token goes along only when one is configured.
 */
export class KeptnService {
  private readonly http: AxiosInstance;

  constructor(private readonly keptnApiUrl: string, apiToken: string | undefined) {
    this.http = axios.create({
      headers: { ...(apiToken && { 'x-token': apiToken }), 'Content-Type': 'application/json' },
    });
  }

  async projectNames(): Promise<string[]> {
    const { data } = await this.http.get<{ projects?: { projectName: string }[] }>(`${this.keptnApiUrl}/controlPlane/v1/project`);
    return (data.projects ?? []).map((project) => project.projectName);
  }

  async sendEvent(type: string): Promise<string> {
    const { data } = await this.http.post<{ keptnContext: string }>(`${this.keptnApiUrl}/v1/event`, { type, source: 'shared-instance-service', data: {} });
    return data.keptnContext;
  }

  /** The signed-in user's own token, forwarded as it came: the request must carry exactly it. */
  async projectNamesAs(userAuthorization: string): Promise<string[]> {
    const { data } = await this.http.get<{ projects?: { projectName: string }[] }>(`${this.keptnApiUrl}/controlPlane/v1/project`, {
      headers: { Authorization: userAuthorization },
    });
    return (data.projects ?? []).map((project) => project.projectName);
  }

  /** The public release feed, on another host: it must never see a credential. */
  async latestRelease(feedUrl: string): Promise<string> {
    const { data } = await this.http.get<{ latest: string }>(feedUrl);
    return data.latest;
  }
}
