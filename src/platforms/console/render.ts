/** A platform-neutral Reply as readable terminal text. */
import type { Reply } from '../../router/types.ts';

/** `imagePath`: where the console saved the reply's image, shown in place of the bare alt text. */
export function renderText(reply: Reply, imagePath?: string): string {
  const lines: string[] = [];
  if (reply.title) lines.push(reply.title, '─'.repeat(Math.min(60, [...reply.title].length)));
  if (reply.text) lines.push(reply.text);
  // Continuation lines of a field line up under its first line.
  for (const field of reply.fields ?? []) lines.push(`• ${field.name}: ${field.value.replace(/\n/g, '\n  ')}`);
  for (const a of reply.celebrate ?? []) {
    lines.push(`🎉 New achievement: ${a.icon} ${a.title} (${a.description})${a.pointsReward ? `, +${a.pointsReward} points` : ''}`);
  }
  const steps = (reply.actions ?? []).filter((a) => a.commandText);
  if (steps.length > 0) {
    lines.push('Next:');
    for (const a of steps) lines.push(`  ${a.label}: ${a.commandText}`);
  }
  if (reply.image) lines.push(imagePath ? `Chart saved to ${imagePath} (${reply.image.alt})` : `(${reply.image.alt})`);
  return lines.join('\n');
}
