/**
 * The vote control's button (includes/Governance/VoteControl.php): shown once JavaScript runs,
 * it loads the voting code on click, nothing before. Small on purpose: it is on every page with
 * a live proposal.
 */
import { __ } from '@wordpress/i18n';

document
	.querySelectorAll< HTMLElement >( '.sovereign-press-vote.is-member' )
	.forEach( ( root ) => {
		const button = root.querySelector< HTMLButtonElement >(
			'.sovereign-press-vote__open'
		);
		if ( ! button ) {
			return;
		}
		let notice: HTMLElement | undefined;
		button.hidden = false;
		button.addEventListener( 'click', async () => {
			button.disabled = true;
			notice?.remove();
			const panel = await import(
				/* webpackChunkName: "vote" */ './panel'
			).catch( () => null );
			button.disabled = false;
			if ( ! panel ) {
				notice = document.createElement( 'p' );
				notice.setAttribute( 'role', 'alert' );
				notice.textContent = __(
					'The voting code could not be loaded. Check your connection and try again.',
					'sovereign-press'
				);
				button.after( notice );
				return;
			}
			button.hidden = true;
			await panel.openVotePanel( root );
		} );
	} );
