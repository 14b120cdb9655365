export const policyTypeText: Record<string, string> = {
  terms: 'Terms',
  privacy: 'Privacy',
  cookies: 'Cookies',
  third_party: 'Outside services',
  other: 'Other',
};

export const policyAudienceText: Record<string, string> = {
  everyone: 'Everyone',
  members: 'Members',
  guests: 'Visitors who are not signed in',
};
