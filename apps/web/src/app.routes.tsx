import { createBrowserRouter, LoaderFunctionArgs, Navigate } from 'react-router';
import { queryClient } from './api/query-client';
import { AppLayout } from './components/app-layout';
import { RouteError } from './components/route-error';
import { loadBoardPage, startBoardReads } from './features/board/board.route';
import { eventQuery } from './features/events/event.query';

// An event's pages start reading the event as soon as their route matches, beside their chunk's download (the page
// would otherwise read it only once its code has arrived and rendered): the first rows of a board come that much sooner.
const withEvent = ({ params }: LoaderFunctionArgs) => {
  if (params.slug) void queryClient.prefetchQuery(eventQuery(params.slug));
  return null;
};

// The board's stream too: its first rows are what a spectator waits for (a first load started them already, see
// first-requests.ts; a start for the same board keeps those requests).
const withEventAndBoard = ({ params, request }: LoaderFunctionArgs) => {
  if (params.slug) startBoardReads(params.slug, new URL(request.url).searchParams);
  return null;
};

// Every page is its own chunk: the first load carries only the shell.
export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Navigate to="/events" replace /> },
      { path: 'events', lazy: () => import('./features/events/events.page').then((m) => ({ Component: m.EventsPage })) },
      { path: 'events/new', lazy: () => import('./features/console/new-event.page').then((m) => ({ Component: m.NewEventPage })) },
      { path: 'events/:slug', loader: withEvent, lazy: () => import('./features/events/event.page').then((m) => ({ Component: m.EventPage })) },
      { path: 'events/:slug/board', loader: withEventAndBoard, lazy: () => loadBoardPage().then((m) => ({ Component: m.BoardPage })) },
      // One route for the board and an open challenge, so opening one keeps the board (and its live stream) mounted.
      { path: 'events/:slug/challenges/:challengeId?', loader: withEvent, lazy: () => import('./features/ctf/challenges.page').then((m) => ({ Component: m.ChallengesPage })) },
      { path: 'events/:slug/tasks', loader: withEvent, lazy: () => import('./features/ai/tasks.page').then((m) => ({ Component: m.TasksPage })) },
      { path: 'events/:slug/tasks/:taskId', loader: withEvent, lazy: () => import('./features/ai/task.page').then((m) => ({ Component: m.TaskPage })) },
      { path: 'events/:slug/attack', lazy: () => import('./features/ad/ad-team.page').then((m) => ({ Component: m.AdTeamPage })) },
      { path: 'events/:slug/ad-setup', lazy: () => import('./features/ad/ad-organiser.page').then((m) => ({ Component: m.AdOrganiserPage })) },
      { path: 'events/:slug/project', lazy: () => import('./features/hackathon/project.page').then((m) => ({ Component: m.ProjectPage })) },
      // The organisers' console: a shell (roles checked once) around its sections.
      {
        path: 'events/:slug/manage',
        lazy: () => import('./features/console/console.layout').then((m) => ({ Component: m.ConsoleLayout })),
        children: [
          { index: true, element: <Navigate to="registrations" replace /> },
          { path: 'registrations', lazy: () => import('./features/console/registrations.page').then((m) => ({ Component: m.RegistrationsPage })) },
          { path: 'settings', lazy: () => import('./features/console/settings.page').then((m) => ({ Component: m.SettingsPage })) },
          { path: 'challenges', lazy: () => import('./features/console/ctf/challenges-console.page').then((m) => ({ Component: m.ChallengesConsolePage })) },
          { path: 'challenges/new', lazy: () => import('./features/console/ctf/challenge-editor.page').then((m) => ({ Component: m.ChallengeEditorPage })) },
          { path: 'challenges/:challengeId', lazy: () => import('./features/console/ctf/challenge-editor.page').then((m) => ({ Component: m.ChallengeEditorPage })) },
          // Hackathon events only (the console's nav offers them there).
          { path: 'hackathon-setup', lazy: () => import('./features/console/hackathon-setup.page').then((m) => ({ Component: m.HackathonSetupPage })) },
          { path: 'hackathon-judges', lazy: () => import('./features/console/hackathon-judges.page').then((m) => ({ Component: m.HackathonJudgesPage })) },
          { path: 'hackathon-assignments', lazy: () => import('./features/console/hackathon-assignments.page').then((m) => ({ Component: m.HackathonAssignmentsPage })) },
          { path: 'hackathon-progress', lazy: () => import('./features/console/hackathon-progress.page').then((m) => ({ Component: m.HackathonProgressPage })) },
          { path: 'hackathon-results', lazy: () => import('./features/console/hackathon-results.page').then((m) => ({ Component: m.HackathonResultsPage })) },
          { path: 'teams', lazy: () => import('./features/console/teams.page').then((m) => ({ Component: m.TeamsPage })) },
          { path: 'announcements', lazy: () => import('./features/console/announcements.page').then((m) => ({ Component: m.AnnouncementsPage })) },
          { path: 'board', lazy: () => import('./features/console/freeze.page').then((m) => ({ Component: m.FreezePage })) },
          { path: 'awards', lazy: () => import('./features/console/awards.page').then((m) => ({ Component: m.AwardsPage })) },
          { path: 'attempts', lazy: () => import('./features/console/attempts.page').then((m) => ({ Component: m.AttemptsPage })) },
          { path: 'tasks', lazy: () => import('./features/console/ai-tasks.page').then((m) => ({ Component: m.AiTasksPage })) },
          { path: 'tasks/new', lazy: () => import('./features/console/new-ai-task.page').then((m) => ({ Component: m.NewAiTaskPage })) },
          { path: 'tasks/:taskId', lazy: () => import('./features/console/ai-task-manage.page').then((m) => ({ Component: m.AiTaskManagePage })) },
          { path: 'tasks/:taskId/edit', lazy: () => import('./features/console/ai-task-edit.page').then((m) => ({ Component: m.AiTaskEditPage })) },
        ],
      },
      // Platform administration (admins): every account and every event.
      {
        path: 'admin',
        lazy: () => import('./features/admin/admin.layout').then((m) => ({ Component: m.AdminLayout })),
        children: [
          { index: true, element: <Navigate to="users" replace /> },
          { path: 'users', lazy: () => import('./features/admin/users.page').then((m) => ({ Component: m.UsersPage })) },
          { path: 'events', lazy: () => import('./features/admin/all-events.page').then((m) => ({ Component: m.AllEventsPage })) },
        ],
      },
      // The judges' panel: every hackathon the viewer judges, a project's rubric page and pairwise judging.
      // The link an organiser passes to a judge invited by email; the account with that email claims it.
      { path: 'judging/invitations/claim', lazy: () => import('./features/judging/claim-invitation.page').then((m) => ({ Component: m.ClaimInvitationPage })) },
      { path: 'judging', lazy: () => import('./features/judging/judging.page').then((m) => ({ Component: m.JudgingPage })) },
      { path: 'events/:slug/judging/projects/:projectId', lazy: () => import('./features/judging/judge-project.page').then((m) => ({ Component: m.JudgeProjectPage })) },
      { path: 'events/:slug/judging/pairwise', lazy: () => import('./features/judging/pairwise.page').then((m) => ({ Component: m.PairwisePage })) },
      { path: 'events/:slug/register', lazy: () => import('./features/teams/registration.page').then((m) => ({ Component: m.RegistrationPage })) },
      { path: 'events/:slug/team', lazy: () => import('./features/teams/team.page').then((m) => ({ Component: m.TeamPage })) },
      // The invite link teammates open (exactly this short path); it resolves the code to its event and team.
      { path: 'join/:code', lazy: () => import('./features/teams/join.page').then((m) => ({ Component: m.JoinPage })) },
      { path: 'sign-in', lazy: () => import('./features/auth/sign-in.page').then((m) => ({ Component: m.SignInPage })) },
      { path: 'sign-up', lazy: () => import('./features/auth/sign-up.page').then((m) => ({ Component: m.SignUpPage })) },
      { path: 'profile', lazy: () => import('./features/auth/profile.page').then((m) => ({ Component: m.ProfilePage })) },
      { path: '*', lazy: () => import('./components/not-found.page').then((m) => ({ Component: m.NotFoundPage })) },
    ],
  },
]);
