/**
 * Slack shows an image from a Reply (the progress chart) only as a file upload,
 * and a file cannot be ephemeral: it goes to the person's DM with the app
 * (files.uploadV2), and the reply says where to find it.
 */
import type { webApi } from '@slack/bolt';
import { failure } from '../../coach/direct-message.ts';
import type { Logger } from '../../logger.ts';
import type { Reply } from '../../router/types.ts';

export const CHART_HERE = 'Your chart is just above.';
export const CHART_IN_DM = "I've sent your chart to our direct messages.";
export const CHART_FAILED = "I couldn't attach the chart image this time; the numbers here tell the same story.";

/**
 * Uploads `reply.image` to the person's DM (`dmChannel` when the reply is for
 * that DM already, else the channel conversations.open gives) and returns the
 * reply without the image, noting where it went. Never rejects.
 */
export async function uploadReplyImage(
  client: webApi.WebClient,
  logger: Logger,
  reply: Reply,
  to: { readonly userId: string; readonly dmChannel?: string | undefined },
): Promise<Reply> {
  const { image, ...rest } = reply;
  if (!image) return reply;
  const note = (line: string): Reply => ({ ...rest, text: rest.text ? `${rest.text}\n\n${line}` : line });
  try {
    const channel = to.dmChannel ?? (await client.conversations.open({ users: to.userId })).channel?.id;
    if (!channel) throw new Error('conversations.open returned no channel');
    await client.files.uploadV2({
      channel_id: channel,
      file: Buffer.from(image.png),
      filename: image.filename,
      title: image.alt,
      alt_text: image.alt,
    });
    return note(to.dmChannel ? CHART_HERE : CHART_IN_DM);
  } catch (error) {
    logger.warn({ ...failure(error), user: to.userId }, 'slack chart upload failed');
    return note(CHART_FAILED);
  }
}
