/**
 * A port for a server a test starts in a child process (which must be told its port before it
 * listens). Drawn below Linux's ephemeral range (32768–60999 by default), where every outgoing
 * connection of the suite — to PostgreSQL, SMTP, the browser — takes its local port: a port drawn
 * there was once already in use by one of them (EADDRINUSE).
 */
export function serverPort(): number {
  return 20_000 + Math.floor(Math.random() * 12_000);
}
