/**
 * The model behind the coach: any OpenAI-compatible chat completions server
 * (OpenAI, Ollama, vLLM, LM Studio) through the openai SDK. Timeouts and retries
 * are always explicit (the SDK's defaults are 10 minutes and 2 retries), and the
 * caller's AbortSignal is the hard deadline of a whole turn.
 */
import OpenAI from 'openai';

export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

export interface TokenUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
}

export interface CompletionResult {
  readonly text: string;
  /** From the server's usage chunk; undefined when it sent none (or the stream was cut short). */
  readonly usage: TokenUsage | undefined;
}

export interface StreamRequest {
  readonly messages: readonly ChatMessage[];
  readonly maxTokens: number;
  readonly signal: AbortSignal;
  /**
   * Each piece of text as it arrives, awaited before the next is read. Returning
   * `'stop'` ends the stream early (the reply reached its length cap).
   */
  readonly onDelta: (delta: string) => void | 'stop' | Promise<void | 'stop'>;
}

export interface CoachProvider {
  /** A streamed reply. Rejects when the request fails, times out or the signal aborts. */
  stream(request: StreamRequest): Promise<CompletionResult>;
  /** A short non-streamed completion (session summaries). */
  complete(request: Omit<StreamRequest, 'onDelta'>): Promise<CompletionResult>;
}

export interface ProviderConfig {
  readonly apiKey: string | undefined;
  readonly baseUrl: string | undefined;
  readonly model: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
}

function readUsage(usage: OpenAI.CompletionUsage | null | undefined): TokenUsage | undefined {
  if (!usage) return undefined;
  const promptTokens = Number(usage.prompt_tokens) || 0;
  const completionTokens = Number(usage.completion_tokens) || 0;
  return { promptTokens, completionTokens, totalTokens: Number(usage.total_tokens) || promptTokens + completionTokens };
}

/** The provider for `config`, or undefined without an API key (the offline coach answers then). */
export function createOpenAIProvider(config: ProviderConfig): CoachProvider | undefined {
  if (!config.apiKey) return undefined;
  const client = new OpenAI({
    apiKey: config.apiKey,
    baseURL: config.baseUrl,
    timeout: config.timeoutMs,
    maxRetries: config.maxRetries,
  });
  return {
    async stream({ messages, maxTokens, signal, onDelta }) {
      const stream = await client.chat.completions.create(
        {
          model: config.model,
          messages: messages.map((m) => ({ role: m.role, content: m.content })),
          max_tokens: maxTokens,
          stream: true,
          stream_options: { include_usage: true },
        },
        { signal },
      );
      let text = '';
      let usage: TokenUsage | undefined;
      for await (const chunk of stream) {
        usage = readUsage(chunk.usage) ?? usage;
        const delta = chunk.choices[0]?.delta?.content;
        if (!delta) continue;
        text += delta;
        if ((await onDelta(delta)) === 'stop') {
          stream.controller.abort();
          break;
        }
      }
      if (signal.aborted) throw signal.reason ?? new Error('aborted');
      return { text, usage };
    },
    async complete({ messages, maxTokens, signal }) {
      const response = await client.chat.completions.create(
        { model: config.model, messages: messages.map((m) => ({ role: m.role, content: m.content })), max_tokens: maxTokens },
        { signal },
      );
      return { text: response.choices[0]?.message?.content ?? '', usage: readUsage(response.usage) };
    },
  };
}
