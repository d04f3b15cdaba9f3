import axios from 'axios';

const GITHUB = 'https://api.github.com';

export async function repos(): Promise<unknown> {
  const response = await fetch(`${GITHUB}/user/repos`);
  return response.json();
}

export async function stripeEvents(): Promise<unknown> {
  return axios.get('https://api.stripe.com/v1/events');
}

// The keptn word alone does not make this request a Cloud Automation one.
export async function status(): Promise<unknown> {
  return (await fetch('https://status.example.com/health')).json();
}
