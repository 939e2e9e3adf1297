import { SmtpClient } from './smtp.client.js';

/** SMTP servers kept open at once; the least recently used one is closed beyond this. */
const MAX_SERVERS = 100;

/**
 * One SmtpClient (with its own idle connections) per SMTP server URL: SMTP_URL and the
 * workspaces' own servers. A server unused for longest is closed when there are too many.
 */
export class SmtpClientPool {
  private readonly clients = new Map<string, SmtpClient>();

  get(url: string): SmtpClient {
    let client = this.clients.get(url);
    if (client) this.clients.delete(url);
    else client = new SmtpClient(url);
    this.clients.set(url, client);
    if (this.clients.size > MAX_SERVERS) {
      const [oldestUrl, oldest] = this.clients.entries().next().value as [string, SmtpClient];
      this.clients.delete(oldestUrl);
      oldest.close();
    }
    return client;
  }

  closeAll(): void {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }
}
