import { Module } from '@nestjs/common';
import { AssociationRulesRepository } from './association-rules.repository.js';
import { CustomerIdsRepository } from './customer-ids.repository.js';
import { CustomerActivityRepository } from './customer-activity.repository.js';
import { CustomerOrdersRepository } from './customer-orders.repository.js';
import { RecommendationsController } from './recommendations.controller.js';

/** Association rules and recommendations (API, and the rules for journey steps). */
@Module({
  controllers: [RecommendationsController],
  providers: [
    AssociationRulesRepository,
    CustomerIdsRepository,
    CustomerOrdersRepository,
    CustomerActivityRepository,
  ],
  exports: [
    AssociationRulesRepository,
    CustomerOrdersRepository,
    CustomerIdsRepository,
    CustomerActivityRepository,
  ],
})
export class RecommendationsModule {}
