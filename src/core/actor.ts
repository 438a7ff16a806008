/** Who is acting: the signed-in account, with the time zone that decides their "today". */
export interface Actor {
  id: string;
  timezone: string;
}
