import type { EditorBootData } from './types';

/**
 * Networks and presets printed by PHP with the editor script (read when needed: block scripts may
 * run before that inline script).
 */
export function editorData(): EditorBootData {
	return (
		window.sovereignPressEditor ?? {
			networks: [],
			presets: [],
			metaKey: '_sovereign_press_gate',
		}
	);
}
