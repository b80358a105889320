export declare const snapshotMarker: (lessonId: string) => string;
export declare const SNAPSHOT_MARKER_PATTERN: RegExp;
export declare function escapeHtml(text: unknown): string;
export declare function renderThreadsSnapshot(list: unknown): string;
