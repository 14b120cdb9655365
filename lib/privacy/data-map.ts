/**
 * Every column of every table, classified. Export, erasure, retention and the privacy notice are
 * derived from this map; a test fails when a column is missing here.
 */
export type DataCategory = 'identity' | 'contact' | 'content' | 'activity' | 'technical' | 'billing' | 'none';

export interface ColumnPolicy {
  personal: boolean;
  category: DataCategory;
  purpose: string;
  /** How long it is kept, in words shown on the privacy notice; a setting key where a setting decides. */
  retention: string;
  export: boolean;
  erase: 'delete' | 'anonymize' | 'keep';
  /** Why a personal column survives erasure (required with erase: 'keep' on personal data). */
  reason?: string;
  /** The value is a key in file storage: export includes the file, erasure deletes it. */
  file?: true;
  /** How an anonymized account shows this identity field (users only). */
  anonymizeAs?: 'handle' | 'name' | 'email';
}

export interface TablePolicy {
  /** The column that links a row to its member, for export and erasure. */
  owner: string | null;
  /**
   * Rows that belong to other members too, and how: the export of every member it names includes the
   * row (a message belongs to its sender, and is also in the export of everyone in the conversation).
   */
  sharedWith?: { table: string; column: string; match: string; purpose: string };
  /**
   * Whole rows are deleted once older than the days a setting gives, counted from `from` (only rows
   * matching `where`, when given). Columns whose retention is 'setting:KEY' in other tables are emptied
   * instead, counted from `retentionFrom` (default created_at). The retention job does both.
   */
  expireRows?: { setting: 'outboxRetentionDays' | 'unverifiedAccountDays'; from: string; where?: string };
  retentionFrom?: string;
  /**
   * More rows that belong to the member besides those whose owner column names them: an SQL condition
   * on this table with $1 for the member's id (every version of the member's posts, whoever edited it).
   */
  ownedVia?: string;
  /**
   * Rows owned by others that are about the member (a notice that they replied, liked or quoted):
   * an SQL condition with $1, and the closure modes that delete them. Rows that only point to the
   * account by id can stay on anonymization (the name is gone); rows that hold the name as text cannot.
   */
  about?: { where: string; modes: ('anonymize' | 'erase')[] };
  /** Their contributions: on anonymization the content columns stay (under the anonymous handle). */
  contribution?: true;
  /** On erasure, rows are kept as tombstones (this column set to now) instead of deleted. */
  tombstone?: string;
  /** SQL run after erasure touched this table, to refresh counts kept elsewhere ($1: the member's id). */
  afterErase?: string;
  purpose: string;
  columns: Record<string, ColumnPolicy>;
}

const notPersonal = (purpose: string): ColumnPolicy => ({
  personal: false,
  category: 'none',
  purpose,
  retention: 'as long as the site runs',
  export: false,
  erase: 'keep',
});

const key = (purpose: string, exported = false): ColumnPolicy => ({
  personal: false,
  category: 'none',
  purpose,
  retention: 'with the row it belongs to',
  export: exported,
  erase: 'keep',
});

const forAccount = 'while the account exists';

/** A table or column name of the map as an SQL identifier (the retention, export and erasure code build SQL from it). */
export const quoteIdent = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

export const dataMap: Record<string, TablePolicy> = {
  users: {
    owner: 'id',
    purpose: 'Member accounts',
    // Sign-ups never confirmed by email are removed with everything attached to them.
    expireRows: { setting: 'unverifiedAccountDays', from: 'created_at', where: 'email_verified_at is null' },
    columns: {
      id: key('identifies the account inside the system', true),
      username: { personal: true, category: 'identity', purpose: 'public handle shown with your posts', retention: forAccount, export: true, erase: 'anonymize', anonymizeAs: 'handle' },
      name: { personal: true, category: 'identity', purpose: 'name shown on your profile and posts', retention: forAccount, export: true, erase: 'anonymize', anonymizeAs: 'name' },
      email: { personal: true, category: 'contact', purpose: 'signing in and mail about your account', retention: forAccount, export: true, erase: 'anonymize', anonymizeAs: 'email' },
      email_verified_at: { personal: true, category: 'activity', purpose: 'proves the email address is yours', retention: forAccount, export: true, erase: 'delete' },
      password_hash: { personal: true, category: 'identity', purpose: 'checking your password (only a salted hash is kept)', retention: forAccount, export: false, erase: 'delete' },
      role: { personal: true, category: 'activity', purpose: 'what you may do on the site', retention: forAccount, export: true, erase: 'keep', reason: 'reset to member; needed for the anonymous account to exist' },
      trust_level: { personal: true, category: 'activity', purpose: 'what you may do, earned from activity', retention: forAccount, export: true, erase: 'keep', reason: 'reset with the account; keeps the anonymous account consistent' },
      suspended_until: { personal: true, category: 'activity', purpose: 'enforcing a suspension', retention: forAccount, export: true, erase: 'delete' },
      suspended_reason: { personal: true, category: 'activity', purpose: 'telling you why you were suspended', retention: forAccount, export: true, erase: 'delete' },
      minor_until: { personal: true, category: 'identity', purpose: 'applying the rules for members under the age of digital consent', retention: 'until that day, then cleared', export: true, erase: 'delete' },
      session_version: notPersonal('ends every session at once when needed'),
      created_at: { personal: true, category: 'activity', purpose: 'shown as your join date', retention: forAccount, export: true, erase: 'keep', reason: 'keeps the order of the anonymous account' },
      updated_at: { personal: true, category: 'activity', purpose: 'record keeping', retention: forAccount, export: true, erase: 'keep', reason: 'no longer linked to you after erasure' },
      last_seen_at: { personal: true, category: 'activity', purpose: 'showing recent activity and inactive-account rules', retention: forAccount, export: true, erase: 'delete' },
      privacy_officer: { personal: true, category: 'activity', purpose: 'whether you work the data-request queue', retention: forAccount, export: true, erase: 'delete' },
      closed_at: { personal: true, category: 'activity', purpose: 'when the account was closed', retention: 'as long as the anonymous account exists', export: false, erase: 'keep', reason: 'marks the anonymous account as closed so it can never sign in' },
      closure: { personal: true, category: 'activity', purpose: 'whether the account was anonymized or erased', retention: 'as long as the anonymous account exists', export: false, erase: 'keep', reason: 'tells how the contributions of the anonymous account were treated' },
      inactivity_warning: { personal: true, category: 'activity', purpose: 'which warning about closing an inactive account was sent', retention: 'until you are active again', export: true, erase: 'delete' },
      inactivity_warned_at: { personal: true, category: 'activity', purpose: 'when that warning was sent', retention: 'until you are active again', export: true, erase: 'delete' },
    },
  },
  profiles: {
    owner: 'user_id',
    purpose: 'Optional profile details',
    columns: {
      user_id: key('links the profile to the account', true),
      bio: { personal: true, category: 'identity', purpose: 'profile text you chose to add', retention: 'until you clear it', export: true, erase: 'delete' },
      location: { personal: true, category: 'identity', purpose: 'profile detail you chose to add', retention: 'until you clear it', export: true, erase: 'delete' },
      website: { personal: true, category: 'identity', purpose: 'profile detail you chose to add', retention: 'until you clear it', export: true, erase: 'delete' },
      birthday: { personal: true, category: 'identity', purpose: 'profile detail you chose to add', retention: 'until you clear it', export: true, erase: 'delete' },
      avatar_key: { personal: true, category: 'identity', purpose: 'your profile picture (the file is deleted with it)', retention: 'until you remove it', export: true, erase: 'delete', file: true },
      updated_at: { personal: true, category: 'activity', purpose: 'record keeping', retention: forAccount, export: true, erase: 'delete' },
    },
  },
  sessions: {
    owner: 'user_id',
    purpose: 'Signed-in devices',
    columns: {
      id: key('identifies the session in the signed cookie', true),
      user_id: key('links the session to the account'),
      session_version: notPersonal('ends old sessions when you sign out everywhere'),
      user_agent: { personal: true, category: 'technical', purpose: 'showing you which devices are signed in', retention: 'setting:ipRetentionDays', export: true, erase: 'delete' },
      ip: { personal: true, category: 'technical', purpose: 'protecting your account against abuse', retention: 'setting:ipRetentionDays', export: true, erase: 'delete' },
      created_at: { personal: true, category: 'activity', purpose: 'showing when you signed in', retention: 'the session’s life', export: true, erase: 'delete' },
      last_seen_at: { personal: true, category: 'activity', purpose: 'showing when a device was last used', retention: 'the session’s life', export: true, erase: 'delete' },
      expires_at: notPersonal('ends the session'),
      revoked_at: notPersonal('ends the session early'),
    },
  },
  auth_tokens: {
    owner: 'user_id',
    purpose: 'Single-use links for email confirmation and password reset',
    columns: {
      id: key('identifies the link'),
      user_id: key('links the token to the account'),
      kind: notPersonal('what the link does'),
      token_hash: { personal: true, category: 'technical', purpose: 'checking a link (only a hash is kept)', retention: 'until used or expired', export: false, erase: 'delete' },
      expires_at: notPersonal('when the link stops working'),
      used_at: notPersonal('makes the link single-use'),
      created_at: notPersonal('record keeping'),
    },
  },
  rate_limits: {
    owner: null,
    purpose: 'Limits on sign-in, sign-up and reset attempts',
    columns: {
      key_hash: { personal: true, category: 'technical', purpose: 'counting attempts per network address or account (a one-way hash)', retention: '1 day', export: false, erase: 'keep', reason: 'a one-way hash that cannot be traced back to you; deleted after a day' },
      window_start: notPersonal('the counting window'),
      hits: notPersonal('attempts counted'),
    },
  },
  policies: {
    owner: null,
    purpose: 'The site’s policies',
    columns: {
      id: key('identifies the policy'),
      slug: notPersonal('address of the policy page'),
      type: notPersonal('kind of policy'),
      title: notPersonal('policy name'),
      audience: notPersonal('who the policy is for'),
      required: notPersonal('whether consent is needed'),
      position: notPersonal('display order'),
      created_at: notPersonal('record keeping'),
    },
  },
  policy_versions: {
    owner: null,
    purpose: 'Each published version of each policy',
    columns: {
      id: key('identifies the version'),
      policy_id: key('links the version to its policy'),
      version: notPersonal('version number'),
      status: notPersonal('draft, active or archived'),
      summary: notPersonal('policy summary'),
      body: notPersonal('policy text'),
      minor_change: notPersonal('whether new consent is asked'),
      effective_at: notPersonal('when it takes effect'),
      created_by: { personal: true, category: 'activity', purpose: 'which admin published the version', retention: 'as long as the version is kept', export: false, erase: 'anonymize' },
      created_at: notPersonal('record keeping'),
    },
  },
  consents: {
    owner: 'user_id',
    purpose: 'Proof of what you agreed to',
    columns: {
      id: key('identifies the record'),
      user_id: key('links the consent to the account'),
      kind: { personal: true, category: 'activity', purpose: 'what you agreed to (a policy, marketing mail, guardian consent)', retention: forAccount, export: true, erase: 'delete' },
      policy_version_id: { personal: true, category: 'activity', purpose: 'which version of a policy you accepted', retention: forAccount, export: true, erase: 'delete' },
      given_at: { personal: true, category: 'activity', purpose: 'when you agreed', retention: forAccount, export: true, erase: 'delete' },
      withdrawn_at: { personal: true, category: 'activity', purpose: 'when you withdrew consent', retention: forAccount, export: true, erase: 'delete' },
    },
  },
  settings: {
    owner: null,
    purpose: 'Site settings',
    columns: {
      key: notPersonal('setting name'),
      value: notPersonal('setting value'),
      updated_at: notPersonal('record keeping'),
    },
  },
  categories: {
    owner: null,
    purpose: 'Forum categories',
    columns: {
      id: key('identifies the category'),
      slug: notPersonal('address of the category'),
      name: notPersonal('category name'),
      description: notPersonal('category description'),
      color: notPersonal('category colour'),
      position: notPersonal('display order'),
      visibility: notPersonal('who may see the category'),
      min_trust_level: notPersonal('trust level needed to see the category'),
      created_at: notPersonal('record keeping'),
    },
  },
  mail_outbox: {
    owner: 'user_id',
    purpose: 'Mail sent to you, kept so delivery can be retried',
    // Copies of notification mail to others that name the member.
    about: {
      where:
        "user_id is distinct from $1 and exists (select 1 from users u where u.id = $1 and (strpos(lower(mail_outbox.subject || ' ' || mail_outbox.text_body), lower(u.username)) > 0 or strpos(lower(mail_outbox.subject || ' ' || mail_outbox.text_body), lower(u.email)) > 0))",
      modes: ['anonymize', 'erase'],
    },
    expireRows: { setting: 'outboxRetentionDays', from: 'created_at' },
    columns: {
      id: key('identifies the mail'),
      user_id: key('links the mail to the account'),
      to_address: { personal: true, category: 'contact', purpose: 'delivering the mail', retention: 'setting:outboxRetentionDays', export: true, erase: 'delete' },
      template: { personal: true, category: 'activity', purpose: 'which kind of mail was sent', retention: 'setting:outboxRetentionDays', export: true, erase: 'delete' },
      subject: { personal: true, category: 'contact', purpose: 'the mail’s subject', retention: 'setting:outboxRetentionDays', export: true, erase: 'delete' },
      text_body: { personal: true, category: 'contact', purpose: 'the mail’s text', retention: 'setting:outboxRetentionDays', export: true, erase: 'delete' },
      status: notPersonal('delivery state'),
      attempts: notPersonal('delivery attempts'),
      locked_until: notPersonal('stops two workers sending the same mail'),
      last_error: { personal: true, category: 'technical', purpose: 'why delivery failed (may name your address)', retention: 'setting:outboxRetentionDays', export: false, erase: 'delete' },
      created_at: { personal: true, category: 'activity', purpose: 'when the mail was written', retention: 'setting:outboxRetentionDays', export: true, erase: 'delete' },
      delivered_at: { personal: true, category: 'activity', purpose: 'when the mail was delivered', retention: 'setting:outboxRetentionDays', export: true, erase: 'delete' },
    },
  },
  topics: {
    owner: 'user_id',
    purpose: 'Topics members start',
    contribution: true,
    columns: {
      id: key('identifies the topic', true),
      category_id: key('where the topic is posted', true),
      user_id: key('who started the topic'),
      title: { personal: true, category: 'content', purpose: 'the topic you started', retention: 'until you or staff delete it', export: true, erase: 'keep', reason: 'the opening post is erased; the title stays so replies by others keep their thread, attributed to an anonymous member' },
      slug: notPersonal('address of the topic'),
      pinned_at: notPersonal('staff pinned the topic'),
      closed_at: notPersonal('staff closed the topic'),
      deleted_at: notPersonal('the topic was deleted'),
      post_count: notPersonal('number of posts'),
      last_posted_at: notPersonal('ordering of topic lists'),
      last_post_user_id: key('who posted last, shown in lists'),
      created_at: { personal: true, category: 'activity', purpose: 'when you started the topic', retention: 'with the topic', export: true, erase: 'keep', reason: 'no longer linked to you after erasure' },
      title_search: notPersonal('search index of the title, rebuilt from it'),
    },
  },
  posts: {
    owner: 'user_id',
    purpose: 'Posts and replies',
    contribution: true,
    // Erased posts stay as “deleted” placeholders so the replies around them keep their thread.
    tombstone: 'deleted_at',
    columns: {
      id: key('identifies the post', true),
      topic_id: key('the topic the post is in', true),
      user_id: key('who wrote the post'),
      post_number: notPersonal('place in the topic'),
      body: { personal: true, category: 'content', purpose: 'what you wrote', retention: 'until you or staff delete it', export: true, erase: 'delete' },
      body_html: { personal: true, category: 'content', purpose: 'what you wrote, ready to show', retention: 'with the post', export: false, erase: 'delete' },
      reply_to_post_id: key('the post this one answers', true),
      revision_count: notPersonal('number of versions'),
      like_count: notPersonal('number of likes'),
      history_public: notPersonal('whether everyone may see the edit history'),
      anonymized_at: notPersonal('the author detached their name'),
      deleted_at: notPersonal('the post was deleted'),
      deleted_by: { personal: true, category: 'activity', purpose: 'who deleted the post (author or staff)', retention: 'with the post', export: false, erase: 'anonymize' },
      hidden_at: notPersonal('staff hid the post'),
      hidden_reason: { personal: true, category: 'content', purpose: 'why staff hid your post, shown to you', retention: 'with the post', export: true, erase: 'delete' },
      created_at: { personal: true, category: 'activity', purpose: 'when you posted', retention: 'with the post', export: true, erase: 'keep', reason: 'keeps the order of the thread; no longer linked to you' },
      edited_at: { personal: true, category: 'activity', purpose: 'when the post was last edited', retention: 'with the post', export: true, erase: 'keep', reason: 'keeps the thread consistent; no longer linked to you' },
      body_search: notPersonal('search index, rebuilt from the body'),
    },
  },
  post_revisions: {
    // Every version of the member's posts is theirs, whoever made the edit; a version a moderator made
    // of someone else's post stays with that post.
    owner: null,
    ownedVia: 'post_id in (select id from posts where user_id = $1)',
    contribution: true,
    // An erased post keeps no versions: its count drops to 0, which marks it erased.
    afterErase:
      'update posts set revision_count = (select count(*)::int from post_revisions r where r.post_id = posts.id) where posts.user_id = $1',
    purpose: 'Every version of every post',
    columns: {
      id: key('identifies the version'),
      post_id: key('the post the version belongs to', true),
      revision: notPersonal('version number'),
      body: { personal: true, category: 'content', purpose: 'the text of each version of your post', retention: 'with the post', export: true, erase: 'delete' },
      title: { personal: true, category: 'content', purpose: 'the topic title as of each version', retention: 'with the post', export: true, erase: 'delete' },
      editor_id: key('who made this version'),
      reason: { personal: true, category: 'content', purpose: 'why the post was edited', retention: 'with the post', export: true, erase: 'delete' },
      hidden_at: notPersonal('an admin hid this version'),
      created_at: { personal: true, category: 'activity', purpose: 'when the version was made', retention: 'with the post', export: true, erase: 'delete' },
    },
  },
  likes: {
    owner: 'user_id',
    purpose: 'Likes you gave',
    afterErase:
      'update posts set like_count = c.n from (select p.id, count(l.post_id)::int as n from posts p left join likes l on l.post_id = p.id group by p.id) c where c.id = posts.id and posts.like_count <> c.n',
    columns: {
      post_id: key('the post you liked', true),
      user_id: key('who liked'),
      created_at: { personal: true, category: 'activity', purpose: 'when you liked the post', retention: 'until you take the like back', export: true, erase: 'delete' },
    },
  },
  bookmarks: {
    owner: 'user_id',
    purpose: 'Your private bookmarks',
    columns: {
      user_id: key('whose bookmark'),
      post_id: key('the bookmarked post', true),
      created_at: { personal: true, category: 'activity', purpose: 'when you bookmarked the post', retention: 'until you remove it', export: true, erase: 'delete' },
    },
  },
  flags: {
    owner: 'user_id',
    purpose: 'Posts members reported to the staff',
    // Reports by others about the member's posts may quote them.
    about: { where: 'post_id in (select id from posts where user_id = $1)', modes: ['erase'] },
    columns: {
      id: key('identifies the report'),
      post_id: key('the reported post', true),
      user_id: key('who reported'),
      reason: { personal: true, category: 'activity', purpose: 'why you reported the post', retention: 'as long as the post exists', export: true, erase: 'delete' },
      note: { personal: true, category: 'content', purpose: 'what you told the staff', retention: 'as long as the post exists', export: true, erase: 'delete' },
      status: notPersonal('what the staff decided'),
      handled_by: { personal: true, category: 'activity', purpose: 'which staff member decided', retention: 'as long as the post exists', export: false, erase: 'anonymize' },
      handled_at: notPersonal('when the staff decided'),
      created_at: { personal: true, category: 'activity', purpose: 'when you reported', retention: 'as long as the post exists', export: true, erase: 'delete' },
    },
  },
  notifications: {
    owner: 'user_id',
    purpose: 'Notifications about activity that concerns you',
    // Notices to others that the member replied, mentioned, quoted, liked or wrote to them.
    about: { where: 'actor_id = $1', modes: ['erase'] },
    columns: {
      id: key('identifies the notification'),
      user_id: key('who is notified'),
      kind: { personal: true, category: 'activity', purpose: 'what happened', retention: 'until you delete your account', export: true, erase: 'delete' },
      actor_id: { personal: true, category: 'activity', purpose: 'who caused the notification', retention: 'with the notification', export: true, erase: 'anonymize' },
      topic_id: key('the topic concerned', true),
      post_id: key('the post concerned', true),
      conversation_id: key('the conversation concerned (message notices)', true),
      message: { personal: true, category: 'content', purpose: 'a short explanation, such as why staff hid a post', retention: 'with the notification', export: true, erase: 'delete' },
      read_at: { personal: true, category: 'activity', purpose: 'whether you have seen it', retention: 'with the notification', export: true, erase: 'delete' },
      emailed_at: { personal: true, category: 'activity', purpose: 'whether it was mailed to you', retention: 'with the notification', export: true, erase: 'delete' },
      created_at: { personal: true, category: 'activity', purpose: 'when it happened', retention: 'with the notification', export: true, erase: 'delete' },
    },
  },
  notification_settings: {
    owner: 'user_id',
    purpose: 'How you want to hear about activity',
    columns: {
      user_id: key('whose settings'),
      email: { personal: true, category: 'activity', purpose: 'your choices for notification mail', retention: forAccount, export: true, erase: 'delete' },
      updated_at: { personal: true, category: 'activity', purpose: 'when you changed them', retention: forAccount, export: true, erase: 'delete' },
    },
  },
  conversations: {
    owner: 'created_by',
    purpose: 'Private conversations between members',
    contribution: true,
    sharedWith: { table: 'conversation_participants', column: 'user_id', match: 'conversation_id = conversations.id', purpose: 'every member in the conversation' },
    columns: {
      id: key('identifies the conversation', true),
      subject: { personal: true, category: 'content', purpose: 'the subject the starter wrote', retention: 'as long as a participant keeps it', export: true, erase: 'keep', reason: 'it belongs to every participant; erasing the starter removes only the link to them' },
      created_by: { personal: true, category: 'activity', purpose: 'who started it (and the daily limit on new conversations)', retention: 'with the conversation', export: true, erase: 'anonymize' },
      created_at: { personal: true, category: 'activity', purpose: 'when it started', retention: 'with the conversation', export: true, erase: 'keep', reason: 'shared by every participant; no longer linked to an erased member' },
      last_message_at: notPersonal('orders the inbox'),
      message_count: notPersonal('shown in the inbox'),
    },
  },
  conversation_participants: {
    owner: 'user_id',
    purpose: 'Who is in each private conversation, and how far they have read',
    columns: {
      conversation_id: key('the conversation', true),
      user_id: key('the member in it'),
      joined_at: { personal: true, category: 'activity', purpose: 'when you joined the conversation', retention: 'while you are in it', export: true, erase: 'delete' },
      last_read_message_id: { personal: true, category: 'activity', purpose: 'which messages you have read', retention: 'while you are in it', export: true, erase: 'delete' },
      archived_at: { personal: true, category: 'activity', purpose: 'whether you archived it', retention: 'while you are in it', export: true, erase: 'delete' },
      left_at: { personal: true, category: 'activity', purpose: 'whether you left it', retention: 'with the conversation', export: true, erase: 'delete' },
    },
  },
  messages: {
    owner: 'sender_id',
    purpose: 'Private messages',
    contribution: true,
    // Erased messages stay as “removed” markers so the conversation keeps its order.
    tombstone: 'removed_at',
    sharedWith: { table: 'conversation_participants', column: 'user_id', match: 'conversation_id = messages.conversation_id', purpose: 'every member in the conversation (messages sent and received)' },
    columns: {
      id: key('identifies the message', true),
      conversation_id: key('the conversation', true),
      sender_id: { personal: true, category: 'activity', purpose: 'who wrote the message', retention: 'with the message', export: true, erase: 'anonymize' },
      body: { personal: true, category: 'content', purpose: 'the message you wrote', retention: 'as long as a participant keeps the conversation', export: true, erase: 'delete' },
      body_html: { personal: true, category: 'content', purpose: 'the message, ready to show', retention: 'as long as a participant keeps the conversation', export: false, erase: 'delete' },
      created_at: { personal: true, category: 'activity', purpose: 'when it was sent', retention: 'with the message', export: true, erase: 'keep', reason: 'keeps the order of the conversation for the other participants' },
      removed_at: notPersonal('marks a message whose text was removed'),
    },
  },
  user_blocks: {
    owner: 'user_id',
    purpose: 'Members you have blocked',
    columns: {
      user_id: key('who blocked'),
      blocked_user_id: { personal: true, category: 'activity', purpose: 'the member you blocked (they are not told)', retention: 'until you unblock them', export: true, erase: 'delete' },
      created_at: { personal: true, category: 'activity', purpose: 'when you blocked them', retention: 'until you unblock them', export: true, erase: 'delete' },
    },
  },
  privacy_settings: {
    owner: 'user_id',
    purpose: 'Your privacy choices',
    columns: {
      user_id: key('whose choices'),
      allow_messages_from: { personal: true, category: 'activity', purpose: 'who may send you private messages', retention: forAccount, export: true, erase: 'delete' },
      profile_visibility: { personal: true, category: 'activity', purpose: 'who may see your profile page', retention: forAccount, export: true, erase: 'delete' },
      show_email: { personal: true, category: 'activity', purpose: 'whether members see your email address', retention: forAccount, export: true, erase: 'delete' },
      show_birthday: { personal: true, category: 'activity', purpose: 'whether your birthday is on your profile', retention: forAccount, export: true, erase: 'delete' },
      show_location: { personal: true, category: 'activity', purpose: 'whether your location is on your profile', retention: forAccount, export: true, erase: 'delete' },
      show_website: { personal: true, category: 'activity', purpose: 'whether your website is on your profile', retention: forAccount, export: true, erase: 'delete' },
      show_online: { personal: true, category: 'activity', purpose: 'whether members see when you are online', retention: forAccount, export: true, erase: 'delete' },
      marketing_email: { personal: true, category: 'contact', purpose: 'whether you want mail about the community', retention: forAccount, export: true, erase: 'delete' },
      restricted_at: { personal: true, category: 'activity', purpose: 'when you asked to restrict processing of your data', retention: 'until you lift it', export: true, erase: 'delete' },
      updated_at: { personal: true, category: 'activity', purpose: 'when you changed them', retention: forAccount, export: true, erase: 'delete' },
    },
  },
  audit_log: {
    owner: 'actor_id',
    purpose: 'What staff did, for accountability (including every administrator access to a private conversation)',
    columns: {
      id: key('identifies the entry', true),
      actor_id: { personal: true, category: 'activity', purpose: 'which staff account acted (an id, never a name)', retention: 'as long as the site runs', export: true, erase: 'keep', reason: 'accountability for staff actions; after erasure the id belongs to an anonymous account' },
      action: { ...notPersonal('what was done'), export: true },
      subject_type: { ...notPersonal('what kind of thing it was done to'), export: true },
      subject_id: key('what it was done to', true),
      reason: { personal: true, category: 'activity', purpose: 'why the staff member acted, shown to those concerned', retention: 'as long as the site runs', export: true, erase: 'keep', reason: 'the participants of a conversation are owed the reason it was opened' },
      details: { ...notPersonal('facts about the action (ids and counts, no names)'), export: true },
      created_at: { personal: true, category: 'activity', purpose: 'when it was done', retention: 'as long as the site runs', export: true, erase: 'keep', reason: 'accountability for staff actions' },
    },
  },
  topic_reads: {
    owner: 'user_id',
    purpose: 'Which posts you have read, for unread markers',
    columns: {
      user_id: key('whose reading position'),
      topic_id: key('the topic read', true),
      last_read_post_number: { personal: true, category: 'activity', purpose: 'marking what is new to you', retention: forAccount, export: true, erase: 'delete' },
      updated_at: { personal: true, category: 'activity', purpose: 'when you last read the topic', retention: forAccount, export: true, erase: 'delete' },
    },
  },
  data_requests: {
    owner: 'user_id',
    purpose: 'Requests you made about your data, and how they were handled',
    columns: {
      id: key('identifies the request', true),
      user_id: key('who made the request'),
      kind: { personal: true, category: 'activity', purpose: 'what you asked for', retention: 'as long as the site runs', export: true, erase: 'keep', reason: 'proof that the request was handled, linked only to the anonymous account' },
      erase_mode: { personal: true, category: 'activity', purpose: 'which kind of erasure you asked for', retention: 'as long as the site runs', export: true, erase: 'keep', reason: 'proof that the erasure was done as asked' },
      details: { personal: true, category: 'content', purpose: 'what you wrote in the request', retention: 'while the account exists', export: true, erase: 'delete' },
      status: { personal: true, category: 'activity', purpose: 'where the request stands', retention: 'as long as the site runs', export: true, erase: 'keep', reason: 'proof that the request was handled' },
      due_at: { personal: true, category: 'activity', purpose: 'the legal deadline for an answer', retention: 'as long as the site runs', export: true, erase: 'keep', reason: 'proof that the deadline was kept' },
      decided_by: { personal: true, category: 'activity', purpose: 'which privacy officer decided', retention: 'as long as the site runs', export: false, erase: 'anonymize' },
      decided_at: { personal: true, category: 'activity', purpose: 'when it was decided', retention: 'as long as the site runs', export: true, erase: 'keep', reason: 'proof that the deadline was kept' },
      decision_reason: { personal: true, category: 'content', purpose: 'why a request was refused, told to you', retention: 'while the account exists', export: true, erase: 'delete' },
      completed_at: { personal: true, category: 'activity', purpose: 'when it was done', retention: 'as long as the site runs', export: true, erase: 'keep', reason: 'proof that the deadline was kept' },
      export_id: key('the export that answered the request', true),
      created_at: { personal: true, category: 'activity', purpose: 'when you made the request', retention: 'as long as the site runs', export: true, erase: 'keep', reason: 'proof that the deadline was kept' },
      updated_at: notPersonal('record keeping'),
    },
  },
  data_request_events: {
    owner: null,
    ownedVia: 'request_id in (select id from data_requests where user_id = $1)',
    purpose: 'Each step and comment on a data request',
    columns: {
      id: key('identifies the step'),
      request_id: key('the request', true),
      actor_id: { personal: true, category: 'activity', purpose: 'who took the step (you or a privacy officer)', retention: 'with the request', export: false, erase: 'anonymize' },
      status: notPersonal('the status the request moved to'),
      body: { personal: true, category: 'content', purpose: 'comments on the request', retention: 'while the account exists', export: true, erase: 'delete' },
      created_at: { personal: true, category: 'activity', purpose: 'when the step was taken', retention: 'as long as the site runs', export: true, erase: 'keep', reason: 'proof of how the request was handled' },
    },
  },
  data_exports: {
    owner: 'user_id',
    purpose: 'Copies of your data you asked for',
    columns: {
      id: key('identifies the export', true),
      user_id: key('whose export'),
      request_id: key('the data request it answers', true),
      status: notPersonal('building, ready or expired'),
      progress: notPersonal('how far the build is'),
      file_key: { personal: true, category: 'content', purpose: 'the zip file with your data (deleted when it expires)', retention: 'until the download expires (7 days unless the site changes it)', export: false, erase: 'delete', file: true },
      size_bytes: notPersonal('size of the file'),
      error: notPersonal('why a build failed'),
      created_at: { personal: true, category: 'activity', purpose: 'when you asked for it', retention: 'while the account exists', export: true, erase: 'delete' },
      ready_at: { personal: true, category: 'activity', purpose: 'when it was ready', retention: 'while the account exists', export: true, erase: 'delete' },
      expires_at: notPersonal('when the file is deleted'),
      downloaded_at: { personal: true, category: 'activity', purpose: 'whether you downloaded it', retention: 'while the account exists', export: true, erase: 'delete' },
    },
  },
  account_closures: {
    owner: 'user_id',
    purpose: 'Closing an account: the confirmation, the waiting period and the record that it was done',
    columns: {
      id: key('identifies the closure'),
      user_id: key('the account closed'),
      mode: { personal: true, category: 'activity', purpose: 'anonymize or erase', retention: 'as long as the site runs', export: true, erase: 'keep', reason: 'the record that the closure was carried out, linked only to the anonymous account' },
      status: { personal: true, category: 'activity', purpose: 'where the closure stands', retention: 'as long as the site runs', export: true, erase: 'keep', reason: 'the record that the closure was carried out' },
      source: { personal: true, category: 'activity', purpose: 'who asked for it (you, an admin, a request, inactivity)', retention: 'as long as the site runs', export: true, erase: 'keep', reason: 'the record of why the account was closed' },
      request_id: key('the data request it answers', true),
      token_hash: { personal: true, category: 'technical', purpose: 'checking the confirmation link (only a hash is kept)', retention: 'until used', export: false, erase: 'delete' },
      requested_at: { personal: true, category: 'activity', purpose: 'when closure was asked', retention: 'as long as the site runs', export: true, erase: 'keep', reason: 'the record that the closure was carried out in time' },
      confirmed_at: { personal: true, category: 'activity', purpose: 'when you confirmed', retention: 'as long as the site runs', export: true, erase: 'keep', reason: 'the record that you confirmed it' },
      process_after: notPersonal('end of the waiting period'),
      processed_at: notPersonal('when it was carried out'),
      cancelled_at: { personal: true, category: 'activity', purpose: 'when you cancelled it', retention: 'while the account exists', export: true, erase: 'delete' },
    },
  },
  username_quarantine: {
    owner: null,
    purpose: 'Usernames of closed accounts held back from new sign-ups for a while',
    columns: {
      username_hash: { personal: true, category: 'technical', purpose: 'stops someone else taking a closed account’s username straight away (a one-way hash, not the name)', retention: 'until the quarantine ends (90 days unless the site changes it)', export: false, erase: 'keep', reason: 'a one-way hash that cannot be read back; deleted when the quarantine ends' },
      until: notPersonal('when the username is free again'),
    },
  },
  cookie_consents: {
    owner: null,
    purpose: 'Cookie choices, as proof of consent',
    columns: {
      id: key('identifies the record'),
      consent_id: { personal: true, category: 'technical', purpose: 'a random id kept in your consent cookie, so a choice can be proven', retention: 'as long as the site runs', export: false, erase: 'keep', reason: 'not linked to any account or network address' },
      categories: notPersonal('the cookie categories accepted'),
      banner_version: notPersonal('which version of the cookie banner was answered'),
      source: notPersonal('a choice on the banner, or the browser’s Global Privacy Control signal'),
      global_privacy_control: notPersonal('whether the browser sent the Global Privacy Control signal'),
      created_at: notPersonal('when the choice was made'),
    },
  },
};

export interface MapProblem {
  table: string;
  column?: string;
  problem: string;
}

/** Compares the schema's tables and columns with the map; an empty list means every column is classified. */
export function checkDataMap(tables: { name: string; columns: string[] }[], map: Record<string, TablePolicy> = dataMap): MapProblem[] {
  const problems: MapProblem[] = [];
  for (const t of tables) {
    const entry = map[t.name];
    if (!entry) {
      problems.push({ table: t.name, problem: 'table is not in the data map' });
      continue;
    }
    for (const c of t.columns) {
      const policy = entry.columns[c];
      if (!policy) problems.push({ table: t.name, column: c, problem: 'column is not classified' });
      else if (policy.personal && policy.erase === 'keep' && !policy.reason)
        problems.push({ table: t.name, column: c, problem: 'personal column kept on erasure without a reason' });
    }
    for (const c of Object.keys(entry.columns)) {
      if (!t.columns.includes(c)) problems.push({ table: t.name, column: c, problem: 'classified column does not exist' });
    }
  }
  for (const name of Object.keys(map)) {
    if (!tables.some((t) => t.name === name)) problems.push({ table: name, problem: 'mapped table does not exist' });
  }
  return problems;
}
