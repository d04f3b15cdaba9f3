import axios, { type AxiosInstance } from 'axios';
import { loadConfig } from './config.js';

export interface TriggeredEvent {
  readonly id: string;
  readonly type: string;
  readonly shkeptncontext: string;
  readonly data: Record<string, unknown>;
}

export interface Project {
  readonly projectName: string;
  readonly stages: readonly { stageName: string }[];
}

/** Reads from Keptn's control plane: which work is waiting for us, which projects exist. */
export class ControlPlaneClient {
  private readonly client: AxiosInstance;

  constructor(endpoint: string, token: string | undefined) {
    this.client = axios.create({
      baseURL: endpoint,
      timeout: 10_000,
      headers: {
        'Content-Type': 'application/json',
        ...(token && { 'x-token': token }),
      },
    });
  }

  async getTriggeredEvents(eventType: string, project: string): Promise<TriggeredEvent[]> {
    const response = await this.client.get<{ events?: TriggeredEvent[] }>(
      `/controlPlane/v1/event/triggered/${eventType}`,
      { params: { project } },
    );
    return response.data.events ?? [];
  }

  async listProjects(): Promise<Project[]> {
    const response = await this.client.get<{ projects?: Project[] }>('/controlPlane/v1/project', {
      params: { pageSize: 20 },
    });
    return response.data.projects ?? [];
  }
}

export function controlPlaneFromEnv(): ControlPlaneClient {
  const { endpoint, apiToken } = loadConfig();
  return new ControlPlaneClient(endpoint, apiToken);
}
