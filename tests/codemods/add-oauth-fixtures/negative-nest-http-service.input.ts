/// <reference path="../fixtures/types/nestjs.d.ts" />
// An injected HttpService may be given headers by HttpModule.register in another module: not reported as sending none.
import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import type { AxiosResponse } from 'axios';
import { firstValueFrom, type Observable } from 'rxjs';

@Injectable()
export class KeptnProjectsService {
  constructor(private readonly http: HttpService) {}

  async projects(): Promise<unknown> {
    const { data } = await firstValueFrom(this.http.get(`${process.env.KEPTN_ENDPOINT}/controlPlane/v1/project`));
    return data;
  }

  async stages(project: string): Promise<unknown> {
    const { data } = await this.http.axiosRef.get(`${process.env.KEPTN_ENDPOINT}/controlPlane/v1/project/${project}/stage`);
    return data;
  }

  services(project: string, stage: string): Observable<AxiosResponse<unknown>> {
    return this.http.get(`${process.env.KEPTN_ENDPOINT}/controlPlane/v1/project/${project}/stage/${stage}/service`);
  }
}
