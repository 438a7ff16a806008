/** Push subscriptions and the instance's VAPID keys (migration 0016). */

export interface PushSubscriptionTable {
  id: string;
  account_id: string;
  /** The session that turned push on; the row goes when the session ends. */
  session_id: string;
  /** A keyed hash of the endpoint: the same browser subscribing again replaces its row. */
  endpoint_index: string;
  /** `{endpoint, p256dh, auth}` as JSON, sealed to the account. */
  subscription_enc: string;
  created_at: string;
}

export interface VapidKeyTable {
  /** Always `vapid`: one key pair per instance. */
  id: string;
  /** The public key, base64url (an uncompressed P-256 point), as browsers take it. */
  public_key: string;
  /** The private key (base64url, 32 bytes), sealed and bound to its public key. */
  private_key_enc: string;
  created_at: string;
}

export interface PushTables {
  push_subscriptions: PushSubscriptionTable;
  vapid_keys: VapidKeyTable;
}
