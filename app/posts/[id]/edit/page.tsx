import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { editPostAction } from '@/app/_actions/forum';
import { Composer } from '@/components/forum/composer';
import { getViewer } from '@/lib/auth/viewer';
import { NotFound } from '@/lib/errors';
import { getPostForEdit } from '@/lib/forum/posts';

export const metadata: Metadata = { title: 'Edit post' };

export default async function EditPostPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=/posts/${id}/edit`);
  let post;
  try {
    post = await getPostForEdit(viewer, Number(id));
  } catch (e) {
    if (e instanceof NotFound) notFound();
    throw e;
  }
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p className="text-sm">
        <Link href={`/p/${post.id}`}>← Back to the topic “{post.topic.title}”</Link>
      </p>
      <h1 className="page-title">Edit {post.postNumber === 1 ? 'topic' : `post #${post.postNumber}`}</h1>
      <p className="text-sm text-stone-600">Every edit is kept as a new version; the post shows how many versions it has.</p>
      <div className="card">
        <Composer
          action={editPostAction}
          draftKey={`hearth:draft:edit:${post.id}`}
          submitLabel="Save edit"
          hidden={{ postId: post.id }}
          showTitle={post.postNumber === 1}
          initialTitle={post.topic.title}
          initialBody={post.body}
          showReason
        />
      </div>
    </div>
  );
}
