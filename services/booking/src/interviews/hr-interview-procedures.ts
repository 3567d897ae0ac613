import { mergeRouters } from '../http/trpc';
import { hrActionsRouter } from './hr-actions';
import { hrInterviewRecordsRouter } from './hr-interview-records';
import { hrInterviewsRouter } from './hr-interviews';

/** HR's procedures on interviews (the list, the page, the records and the actions), as the REST routes and the app join them. */
export const hrInterviewProceduresRouter = mergeRouters(hrInterviewsRouter, hrActionsRouter, hrInterviewRecordsRouter);
