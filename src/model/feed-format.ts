/** The syndication formats feedloom reads, named as `parse` prints them (`rss`: an `<rss>` without a version it knows). */
export type FeedFormat =
  | 'rss'
  | 'rss0.90'
  | 'rss0.91'
  | 'rss0.92'
  | 'rss0.93'
  | 'rss0.94'
  | 'rss1.0'
  | 'rss2.0'
  | 'atom0.3'
  | 'atom1.0'
  | 'json1.0'
  | 'json1.1';
