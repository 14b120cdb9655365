import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getViewer } from '@/lib/auth/viewer';
import { getProfileSettings } from '@/lib/members/profile';
import { AvatarForm } from './_components/avatar-form';
import { ProfileForm } from './_components/profile-form';

export const metadata: Metadata = { title: 'Profile settings' };

export default async function ProfileSettingsPage() {
  const viewer = await getViewer();
  if (!viewer) redirect('/signin?callbackUrl=/settings/profile');
  const profile = await getProfileSettings(viewer);
  const avatarUrl = profile.avatarKey ? `/api/avatars/${viewer.id}?v=${encodeURIComponent(profile.avatarKey.slice(-8))}` : null;
  return (
    <div className="space-y-6">
      <div>
        <h2 className="page-title">Profile</h2>
        <p className="mt-1 text-sm text-stone-600">
          Everything here is optional except your name. Clearing a field deletes what was stored.
        </p>
      </div>
      <section className="card" aria-labelledby="picture-heading">
        <h3 id="picture-heading" className="mb-4 font-semibold">
          Picture
        </h3>
        <AvatarForm avatarUrl={avatarUrl} initial={profile.name.slice(0, 1).toUpperCase()} />
      </section>
      <section className="card" aria-labelledby="details-heading">
        <h3 id="details-heading" className="mb-4 font-semibold">
          Details
        </h3>
        <p className="mb-4 text-sm text-stone-600">
          Username: <strong>@{profile.username}</strong>
        </p>
        <ProfileForm profile={profile} />
      </section>
    </div>
  );
}
