/** The shapes of the local mailbox's API (src/http/routes/outbound-mail.ts), as the pages read them. */

export interface OutboundMailRow {
  id: string;
  at: string;
  to: string;
  subject: string;
  kind: string;
  kindLabel: string;
}

export interface OutboundMessage extends OutboundMailRow {
  from: string;
  messageId: string | null;
  text: string | null;
  html: string | null;
  attachments: { filename: string; contentType: string; size: number }[];
}

export const mailPath = (id: string) => `/console/outbound-mail/${encodeURIComponent(id)}`;
