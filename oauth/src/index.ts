export const packageName = 'cloud-automation-oauth';
