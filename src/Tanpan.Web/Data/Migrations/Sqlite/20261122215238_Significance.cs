using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tanpan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Significance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SignificanceThreshold",
                table: "Inventories",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "SignificanceAssessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InventoryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Magnitude = table.Column<int>(type: "INTEGER", nullable: false),
                    LevelOfInfluence = table.Column<int>(type: "INTEGER", nullable: false),
                    RiskOrOpportunity = table.Column<int>(type: "INTEGER", nullable: false),
                    StakeholderConcern = table.Column<int>(type: "INTEGER", nullable: false),
                    Significant = table.Column<bool>(type: "INTEGER", nullable: false),
                    Rationale = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignificanceAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SignificanceAssessments_Inventories_InventoryId",
                        column: x => x.InventoryId,
                        principalTable: "Inventories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SignificanceAssessments_CompanyId_InventoryId_Category",
                table: "SignificanceAssessments",
                columns: new[] { "CompanyId", "InventoryId", "Category" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SignificanceAssessments_InventoryId",
                table: "SignificanceAssessments",
                column: "InventoryId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SignificanceAssessments");

            migrationBuilder.DropColumn(
                name: "SignificanceThreshold",
                table: "Inventories");
        }
    }
}
