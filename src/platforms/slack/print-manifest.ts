/**
 * Prints the Slack app manifest as JSON, to paste into "Create an app → From a manifest".
 *   tsx src/platforms/slack/print-manifest.ts [--socket] [https://your-host/slack/events] [app name]
 */
import { slackManifest } from './manifest.ts';

const args = process.argv.slice(2);
const socketMode = args.includes('--socket');
const [requestUrl = 'https://example.com/slack/events', name = 'Extrovertly Companion'] = args.filter((a) => a !== '--socket');
process.stdout.write(`${JSON.stringify(slackManifest({ name, requestUrl, socketMode }), null, 2)}\n`);
